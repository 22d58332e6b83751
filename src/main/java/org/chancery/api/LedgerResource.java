package org.chancery.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.chancery.archive.RecordOffice;
import org.chancery.ledger.Checkpoint;
import org.chancery.ledger.ConsistencyProof;
import org.chancery.ledger.InclusionProof;
import org.chancery.ledger.MerkleLog;

/** The tamper-evidence endpoints: the latest signed checkpoint, proofs, the archive's public key. */
@Path("")
public final class LedgerResource {
    private final RecordOffice office;
    private final Gate gate;

    @Inject
    public LedgerResource(RecordOffice office, Gate gate) {
        this.office = office;
        this.gate = gate;
    }

    private Checkpoint latest() {
        return office.latestCheckpoint().orElseThrow(() -> ApiProblem.notFound("The archive has no checkpoint yet."));
    }

    @GET
    @Path("checkpoint")
    @Produces(MediaType.TEXT_PLAIN + ";charset=utf-8")
    public String checkpoint() {
        return latest().text();
    }

    @GET
    @Path("public-key")
    @Produces(MediaType.TEXT_PLAIN + ";charset=utf-8")
    public String publicKey() {
        return office.verifierKey() + "\n";
    }

    /** By tweet id (the caller must be allowed to see the tweet), or by leaf index and tree size. */
    @GET
    @Path("proof/inclusion")
    @Produces(MediaType.APPLICATION_JSON)
    public Object inclusion(@QueryParam("id") String id, @QueryParam("index") String index,
            @QueryParam("size") String size, @Context ContainerRequestContext request) {
        if (id != null) {
            Gate.Allowed a = gate.open(AccessFilter.caller(request), id);
            request.setProperty(AuditFilter.COUNT, 1);
            return a.tweet().evidence().map(Views.Proof::of)
                    .orElseThrow(() -> ApiProblem.notFound("Tweet " + id + " is not in the log yet."));
        }
        long treeSize = size == null ? latest().size() : Params.longIn("size", size, 1, latest().size());
        long leaf = Params.longIn("index", index, 0, treeSize - 1);
        MerkleLog log = office.ledger().log();
        InclusionProof p = log.inclusionProof(leaf, treeSize);
        request.setProperty(AuditFilter.COUNT, 1);
        return new Views.InclusionProofView(leaf, treeSize, log.leafHash(leaf).base64(), Views.base64(p.path()),
                log.root(treeSize).base64());
    }

    @GET
    @Path("proof/consistency")
    @Produces(MediaType.APPLICATION_JSON)
    public Views.ConsistencyProofView consistency(@QueryParam("from") String from, @QueryParam("to") String to,
            @Context ContainerRequestContext request) {
        long latest = latest().size();
        long toSize = to == null ? latest : Params.longIn("to", to, 1, latest);
        long fromSize = Params.longIn("from", from, 1, toSize);
        MerkleLog log = office.ledger().log();
        ConsistencyProof p = log.consistencyProof(fromSize, toSize);
        request.setProperty(AuditFilter.COUNT, 1);
        return new Views.ConsistencyProofView(fromSize, toSize, Views.base64(p.path()), log.root(fromSize).base64(),
                log.root(toSize).base64());
    }
}
