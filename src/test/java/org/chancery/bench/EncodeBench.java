package org.chancery.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.chancery.record.DatabindTweetWriter;
import org.chancery.record.FixtureTweets;
import org.chancery.record.Tweet;
import org.chancery.record.TweetJson;

/**
 * Encoding alone: every tweet the importers make of the test fixtures, encoded {@code REPEAT} times per round by
 * the databind writer {@link TweetJson} used before ({@link DatabindTweetWriter}) and by {@link TweetJson#encode}
 * now, in alternate rounds, printing per tweet for each the microseconds of CPU of the encoding thread, of the whole
 * process (which includes the garbage collector's threads) and the bytes allocated (the first rounds warm the JIT),
 * and the ratios over the last half of the rounds.
 *
 * <p>Usage: {@code EncodeBench [ROUNDS] [REPEAT]} (default 10 rounds of 200).
 */
public final class EncodeBench {
    private EncodeBench() {}

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int repeat = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path tmp = Files.createTempDirectory("encode-bench");
        List<Tweet> tweets = FixtureTweets.all(tmp);
        TweetJson json = new TweetJson();
        DatabindTweetWriter databind = new DatabindTweetWriter();
        double[] oldSum = new double[3];
        double[] newSum = new double[3];
        System.out.printf(Locale.ROOT, "%d fixture tweets, %d times per round%n", tweets.size(), repeat);
        for (int r = 0; r < rounds; r++) {
            double[] old = perTweet(tweets, repeat, t -> encodeOld(databind, t));
            double[] now = perTweet(tweets, repeat, json::encode);
            if (old[3] != now[3]) {
                throw new IllegalStateException("The writers wrote " + old[3] + " and " + now[3] + " bytes a tweet.");
            }
            for (int i = 0; r >= rounds / 2 && i < 3; i++) {
                oldSum[i] += old[i];
                newSum[i] += now[i];
            }
            System.out.printf(Locale.ROOT, "round %d: databind %s; streaming %s (%.0f bytes of JSON per tweet)%n",
                    r, line(old), line(now), now[3]);
        }
        int last = rounds - rounds / 2;
        for (int i = 0; i < 3; i++) {
            oldSum[i] /= last;
            newSum[i] /= last;
        }
        System.out.printf(Locale.ROOT, "last %d rounds: databind %s; streaming %s; databind / streaming: thread CPU"
                + " %.2f, process CPU %.2f, allocation %.2f%n", last, line(oldSum), line(newSum),
                oldSum[0] / newSum[0], oldSum[1] / newSum[1], oldSum[2] / newSum[2]);
    }

    /**
     * Encodes every tweet {@code repeat} times after a collection: thread CPU (us), process CPU (us), bytes allocated
     * and bytes of JSON, each per tweet.
     */
    private static double[] perTweet(List<Tweet> tweets, int repeat, Function<Tweet, byte[]> encode) {
        com.sun.management.ThreadMXBean cpu = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.gc();
        long thread = cpu.getCurrentThreadCpuTime();
        long process = os.getProcessCpuTime();
        long allocated = cpu.getCurrentThreadAllocatedBytes();
        long bytes = 0;
        for (int i = 0; i < repeat; i++) {
            for (Tweet t : tweets) {
                bytes += encode.apply(t).length;
            }
        }
        double n = (double) tweets.size() * repeat;
        return new double[] {(cpu.getCurrentThreadCpuTime() - thread) / 1e3 / n,
            (os.getProcessCpuTime() - process) / 1e3 / n, (cpu.getCurrentThreadAllocatedBytes() - allocated) / n,
            bytes / n};
    }

    private static String line(double[] perTweet) {
        return String.format(Locale.ROOT, "%.2f us thread CPU, %.2f us process CPU, %.0f bytes allocated per tweet",
                perTweet[0], perTweet[1], perTweet[2]);
    }

    private static byte[] encodeOld(DatabindTweetWriter databind, Tweet t) {
        try {
            return databind.encode(t);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Tweet " + t.id() + " could not be written as JSON.", e);
        }
    }
}
