package io.dealflow.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP/1.1 from a chosen local address (127.0.0.2 is this machine too), so a test can be two clients at once;
 * java.net.http.HttpClient cannot bind its local address.
 */
public class FromAddress {

    public record Response(int status, Map<String, String> headers, List<String> setCookies, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The name=value pairs of the Set-Cookie headers, as a Cookie header sends them back. */
        public String cookies() {
            return String.join("; ", setCookies.stream().map(cookie -> cookie.split(";")[0]).toList());
        }
    }

    private final InetAddress local;
    private final int port;

    public FromAddress(String localAddress, int port) {
        try {
            this.local = InetAddress.getByName(localAddress);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        this.port = port;
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public Response get(String path, String authorization) {
        return send("GET " + path, Map.of("Authorization", authorization), "");
    }

    /**
     * The web apps' login form: a GET hands out the session and the CSRF token (as the login page loads), then
     * the form is posted with both.
     */
    public Response webappLogin(String app, String user, String password) {
        return webappPost("/camunda/api/admin/auth/user/default/login/" + app, "application/x-www-form-urlencoded",
                "username=" + user + "&password=" + password);
    }

    /** A POST of the web apps, with the session and CSRF token a page load hands out. */
    public Response webappPost(String path, String contentType, String body) {
        Response page = send("GET /camunda/api/engine/engine/", Map.of(), "");
        return send("POST " + path, Map.of("Content-Type", contentType, "Cookie", page.cookies(),
                "X-XSRF-TOKEN", page.header("X-XSRF-TOKEN")), body);
    }

    public Response send(String requestLine, Map<String, String> headers, String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(requestLine).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\nConnection: close\r\n")
                .append("Content-Length: ").append(content.length).append("\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(local, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(content);
            socket.getOutputStream().flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Response parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String[] head = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            String name = head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = head[i].substring(colon + 1).trim();
            headers.put(name, value);
            if (name.equals("set-cookie")) {
                cookies.add(value);
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(new java.io.ByteArrayInputStream(body));
        }
        return new Response(Integer.parseInt(head[0].split(" ")[1]), headers, cookies, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            for (int c = in.read(); c != '\n' && c != -1; c = in.read()) {
                size.append((char) c);
            }
            int length = Integer.parseInt(size.toString().trim().split(";")[0], 16);
            if (length == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(length));
            in.readNBytes(2);
        }
    }
}
