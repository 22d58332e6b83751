package org.chancery.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;
import java.util.regex.Pattern;
import org.chancery.record.SourceFormat;
import org.chancery.retention.ViewerRole;

/**
 * Imports while the archive is served: {@code POST /imports?name=FILE[&format=F]} with the collector file as the body
 * answers 202 with the job's location; the job's status tells how many records were read and rejected (each with
 * where and why) and, once done, what the archive made of them. Archivists and administrators may import; only the
 * uploader or an administrator may see a job.
 */
@Path("imports")
public final class ImportsResource {
    /** A plain file name: its suffix tells the format apart (.json, .jsonl, .zip, .warc.gz …); no path. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    /**
     * How an upload whose format cannot be detected is told to name it: this API's {@code format} parameter, not the
     * command line's option (given to the import job's {@link org.chancery.capture.FormatDetector}).
     */
    static final String FORMAT_ADVICE = "upload it again naming its format with the format parameter (?format="
            + String.join(", ?format=", java.util.Arrays.stream(SourceFormat.values()).map(SourceFormat::cliName).toList())
            + ")";
    private final ImportJobs jobs;

    @Inject
    public ImportsResource(ImportJobs jobs) {
        this.jobs = jobs;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(@QueryParam("name") String name, @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String length, InputStream body,
            @Context ContainerRequestContext request, @Context UriInfo uri) {
        Caller caller = AccessFilter.caller(request);
        if (caller.anonymous()) {
            throw new ApiProblem(401, "Unauthorized", "Imports are for archivists and administrators: send a bearer token.");
        }
        if (caller.role() != ViewerRole.ARCHIVIST && caller.role() != ViewerRole.ADMIN) {
            throw new ApiProblem(403, "Forbidden", "Imports are for archivists and administrators; the role "
                    + caller.role().wireName() + " may not import.");
        }
        if (name == null || !FILE_NAME.matcher(name).matches()) {
            throw ApiProblem.badParameter("name", "expected the uploaded file's plain name (letters, digits, '.', '_',"
                    + " '-'; at most 200 characters, no folders), such as 2017-07-10.json or tweets.jsonl.");
        }
        SourceFormat f = null;
        if (format != null && !format.isEmpty()) {
            try {
                f = SourceFormat.fromCliName(format);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badParameter("format", e.getMessage());
            }
        }
        ImportJob job = jobs.submit(caller, name, f, declared(length), body);
        request.setProperty(AuditFilter.COUNT, 0);
        URI location = uri.getBaseUriBuilder().path("imports").path(job.id()).build();
        return Response.accepted(job.view()).location(location).build();
    }

    /** The declared body length, or -1 when absent or unreadable (the copy counts the bytes anyway). */
    private static long declared(String length) {
        try {
            return length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @GET
    @Path("{jobId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Views.ImportJobView status(@PathParam("jobId") String id, @Context ContainerRequestContext request) {
        Caller caller = AccessFilter.caller(request);
        if (caller.anonymous()) {
            throw new ApiProblem(401, "Unauthorized", "Import jobs are seen by their uploader: send their token.");
        }
        ImportJob job = jobs.find(id).orElseThrow(() -> ApiProblem.notFound("There is no import job " + id
                + " on this server. Jobs are kept across restarts, so this id was never issued here, or its"
                + " status file was removed or could not be read (the server's log names such files); a job's steps"
                + " and end are also in the audit trail (GET /audit, path /imports/" + id + ")."));
        if (!job.visibleTo(caller)) {
            throw new ApiProblem(403, "Forbidden", "Import job " + id + " belongs to another uploader; only they or an"
                    + " administrator may see it.");
        }
        request.setProperty(AuditFilter.COUNT, job.added());
        return job.view();
    }
}
