package org.chancery.capture;

import java.util.ArrayList;
import java.util.List;
import org.chancery.record.Capture;

/** A sink that keeps what it is given, for tests. */
public final class CollectingSink implements CaptureSink {
    public final List<Capture> accepted = new ArrayList<>();
    public final List<Rejection> rejected = new ArrayList<>();

    @Override
    public void accept(Capture capture) {
        accepted.add(capture);
    }

    @Override
    public void reject(Rejection rejection) {
        rejected.add(rejection);
    }
}
