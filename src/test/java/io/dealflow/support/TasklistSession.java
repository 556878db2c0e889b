package io.dealflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * One browser session of the Camunda web apps (Tasklist, Cockpit), making the HTTP calls the web apps make:
 * a session cookie, the CSRF token from the {@code XSRF-TOKEN} cookie / {@code X-XSRF-TOKEN} header on every
 * non-GET request, a form-encoded login, and a fresh token after login (login rotates the session).
 */
public class TasklistSession {

    /** The engine REST API as the web apps reach it. */
    public static final String ENGINE = "/camunda/api/engine/engine/default";
    /** What the Tasklist SDK sends as Accept on every call. */
    public static final String HAL = "application/hal+json, application/json; q=0.5";

    public record Response(int status, String contentType, String body) {
        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (status " + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .build();
    private final String base;
    private String csrfToken;

    public TasklistSession(int port) {
        this.base = "http://localhost:" + port;
    }

    /** GET /camunda/api/engine/engine/, as the web apps do before and after login: it hands out the token. */
    public Response engines() {
        Response response = send(HttpRequest.newBuilder(uri("/camunda/api/engine/engine/")).GET()
                .header("Accept", HAL), true);
        return response;
    }

    /**
     * Logs in to one web app ({@code tasklist}, {@code cockpit}, {@code admin}) the way its login page does.
     * Returns the login response; on success the session holds a fresh CSRF token.
     */
    public Response login(String app, String user, String password) {
        engines();
        Response login = send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/" + app))
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + encode(user) + "&password="
                        + encode(password))), false);
        if (login.status() == 200) {
            engines();
        }
        return login;
    }

    public Response get(String path, String accept) {
        return send(HttpRequest.newBuilder(uri(path)).GET().header("Accept", accept), false);
    }

    public Response post(String path, String json, String accept) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Accept", accept)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), false);
    }

    public Response put(String path, String json, String accept) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Accept", accept)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)), false);
    }

    public String csrfToken() {
        return csrfToken;
    }

    private Response send(HttpRequest.Builder request, boolean takeToken) {
        if (csrfToken != null) {
            request.header("X-XSRF-TOKEN", csrfToken);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (takeToken) {
                response.headers().firstValue("X-XSRF-TOKEN")
                        .filter(token -> !"Required".equals(token))
                        .ifPresent(token -> csrfToken = token);
            }
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
