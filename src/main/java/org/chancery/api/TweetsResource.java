package org.chancery.api;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.chancery.archive.RecordOffice;
import org.chancery.store.StoredTweet;

/**
 * {@code /tweets/{id}}: a record with provenance, retention and proof; its raw bytes; its history. One instance
 * serves every request (it holds only its dependencies): creating it per request through hk2 was a measurable part of
 * the most frequent request's cost.
 */
@Singleton
@Path("tweets/{id}")
public final class TweetsResource {
    private final RecordOffice office;
    private final Gate gate;

    @Inject
    public TweetsResource(RecordOffice office, Gate gate) {
        this.office = office;
        this.gate = gate;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        Caller caller = AccessFilter.caller(request);
        Gate.Allowed a = gate.open(caller, id);
        request.setProperty(AuditFilter.COUNT, 1);
        // A Views.TweetRecord, written as bytes directly (see Views.tweetRecordJson).
        return Response.ok(Views.tweetRecordJson(a.tweet(), a.decision(), a.tweetJson(), caller.role()),
                MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("raw")
    @Produces({MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM})
    public Response raw(@PathParam("id") String id, @Context ContainerRequestContext request) {
        Gate.Allowed a = gate.open(AccessFilter.caller(request), id);
        request.setProperty(AuditFilter.COUNT, 1);
        byte[] bytes = a.tweet().stored().raw().bytes();
        String digest = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(a.tweet().stored().raw().sha256()));
        return Response.ok(bytes, looksLikeJson(bytes) ? MediaType.APPLICATION_JSON_TYPE : MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Repr-Digest", "sha-256=:" + digest + ":")
                .header("Digest", "sha-256=" + digest)
                .build();
    }

    private static boolean looksLikeJson(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b == '{' || b == '[';
            }
        }
        return false;
    }

    @GET
    @Path("history")
    @Produces(MediaType.APPLICATION_JSON)
    public Views.History history(@PathParam("id") String id, @Context ContainerRequestContext request) {
        Caller caller = AccessFilter.caller(request);
        gate.open(caller, id);
        List<StoredTweet> all = office.store().history(id);
        request.setProperty(AuditFilter.COUNT, all.size());
        return new Views.History(id, all.stream().map(s -> Views.Observation.of(s, caller.role())).toList());
    }
}
