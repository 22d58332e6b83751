package org.chancery.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
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
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import org.chancery.InvalidInputException;
import org.chancery.export.ExportFormat;

/**
 * Exports as asynchronous jobs: {@code POST /exports} answers 202 with the job's location; the job's status tells
 * its progress and, once done, where to download the export. Staff and above may export, and the export holds
 * what their role may see; only the requester or an administrator may see a job or fetch its file.
 */
@Path("exports")
public final class ExportsResource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ExportJobs jobs;

    @Inject
    public ExportsResource(ExportJobs jobs) {
        this.jobs = jobs;
    }

    /**
     * Starts an export. The parameters come from a JSON body ({@code query}, {@code format}, {@code zip},
     * {@code bom}) or from the query string ({@code q}, {@code format}, {@code zip}, {@code bom}); the body wins.
     */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(@QueryParam("q") String q, @QueryParam("format") String format,
            @QueryParam("zip") String zip, @QueryParam("bom") String bom, String body,
            @Context ContainerRequestContext request, @Context UriInfo uri) {
        Caller caller = AccessFilter.caller(request);
        if (caller.anonymous()) {
            throw new ApiProblem(401, "Unauthorized", "Exports are for staff and above: send a bearer token.");
        }
        if (!caller.role().sees(org.chancery.retention.Access.INTERNAL)) {
            throw new ApiProblem(403, "Forbidden", "Exports are for staff and above; the role "
                    + caller.role().wireName() + " may not export.");
        }
        JsonNode b = parse(body);
        String query = text(b, "query", q);
        if (query == null || query.isBlank()) {
            throw ApiProblem.badParameter("query", "an export needs a query (\"query\" in the body or q=...).");
        }
        ExportFormat f;
        try {
            f = ExportFormat.fromWireName(text(b, "format", format == null ? "bagit" : format));
        } catch (InvalidInputException e) {
            throw ApiProblem.badParameter("format", e.getMessage());
        }
        // Folder formats (a bag, a load file set) are downloaded as one zip file, the others as the file itself:
        // a zip flag saying otherwise would be silently ignored, so it is refused.
        boolean folder = f == ExportFormat.BAGIT || f == ExportFormat.DAT;
        if (flag(b, "zip", zip, folder) != folder) {
            throw ApiProblem.badParameter("zip", folder
                    ? "a " + f.wireName() + " export is a folder, downloaded as one zip file; zip=false is not possible."
                    : "a " + f.wireName() + " export is one file, downloaded as it is; zip=true is not possible.");
        }
        ExportJob job = jobs.submit(caller, query, f, folder, flag(b, "bom", bom, false));
        request.setProperty(AuditFilter.COUNT, 0);
        URI location = uri.getBaseUriBuilder().path("exports").path(job.id()).build();
        return Response.accepted(job.view(null)).location(location).build();
    }

    @GET
    @Path("{jobId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Views.ExportJobView status(@PathParam("jobId") String id, @Context ContainerRequestContext request,
            @Context UriInfo uri) {
        ExportJob job = visible(id, AccessFilter.caller(request));
        request.setProperty(AuditFilter.COUNT, job.written());
        return job.view(uri.getBaseUriBuilder().path("exports").path(job.id()).path("download").build().getRawPath());
    }

    /** The export file (a zip for bags and load-file sets), streamed. */
    @GET
    @Path("{jobId}/download")
    @Produces({"application/zip", "text/csv", "application/x-ndjson", "application/warc", "application/pdf",
            MediaType.APPLICATION_OCTET_STREAM})
    public Response download(@PathParam("jobId") String id, @Context ContainerRequestContext request) {
        ExportJob job = visible(id, AccessFilter.caller(request));
        java.nio.file.Path file = job.download().orElseThrow(() -> job.status().ended()
                ? new ApiProblem(409, "No export file", "Export job " + id + " is " + job.status().wireName()
                        + "; it produced no file. Ask for the export again.")
                : new ApiProblem(409, "Export not ready", "Export job " + id + " is " + job.status().wireName()
                        + "; download it once its status is done."));
        long length;
        try {
            length = Files.size(file);
        } catch (IOException e) {
            throw new ApiProblem(410, "Export gone", "The file of export job " + id + " is no longer on the server.");
        }
        request.setProperty(AuditFilter.COUNT, job.written());
        String name = file.getFileName().toString();
        return Response.ok(file.toFile(), mediaType(name))
                .header(HttpHeaders.CONTENT_LENGTH, length)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .build();
    }

    private ExportJob visible(String id, Caller caller) {
        ExportJob job = jobs.find(id).orElseThrow(() -> ApiProblem.notFound("There is no export job " + id
                + " on this server. Jobs are kept across restarts, so this id was never issued here, or its"
                + " status file was removed or could not be read (the server's log names such files); a job's steps"
                + " and end are also in the audit trail (GET /audit, path /exports/" + id + ")."));
        if (!job.visibleTo(caller)) {
            if (caller.anonymous()) {
                throw new ApiProblem(401, "Unauthorized", "Export job " + id + " belongs to its requester: send their token.");
            }
            throw new ApiProblem(403, "Forbidden", "Export job " + id + " belongs to another requester; only they or an"
                    + " administrator may see it.");
        }
        return job;
    }

    private static String mediaType(String name) {
        if (name.endsWith(".zip")) {
            return "application/zip";
        } else if (name.endsWith(".csv")) {
            return "text/csv;charset=utf-8";
        } else if (name.endsWith(".jsonl")) {
            return "application/x-ndjson";
        } else if (name.endsWith(".warc.gz")) {
            return "application/warc";
        } else if (name.endsWith(".pdf")) {
            return "application/pdf";
        }
        return MediaType.APPLICATION_OCTET_STREAM;
    }

    /** The fields a request body may have. */
    private static final List<String> BODY_FIELDS = List.of("query", "format", "zip", "bom");

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || !n.isObject()) {
                throw ApiProblem.badParameter("body", "expected a JSON object such as {\"query\": \"from:x\"}.");
            }
            // A misspelt option ("formt") would otherwise be ignored and the export made without it.
            for (java.util.Iterator<String> names = n.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!BODY_FIELDS.contains(name)) {
                    throw ApiProblem.badParameter(name, "is not an export option; expected "
                            + String.join(", ", BODY_FIELDS) + ".");
                }
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiProblem.badParameter("body", "not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode body, String field, String fallback) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw ApiProblem.badParameter(field, "expected a string.");
        }
        return v.asText();
    }

    private static boolean flag(JsonNode body, String field, String param, boolean fallback) {
        JsonNode v = body.get(field);
        if (v != null && !v.isNull()) {
            if (!v.isBoolean()) {
                throw ApiProblem.badParameter(field, "expected true or false.");
            }
            return v.asBoolean();
        }
        if (param == null || param.isEmpty()) {
            return fallback;
        }
        return switch (param.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiProblem.badParameter(field, "expected true or false, got \"" + param + "\".");
        };
    }
}
