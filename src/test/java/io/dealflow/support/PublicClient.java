package io.dealflow.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A visitor of the public pages from a chosen client address: 127.0.0.1 and 127.0.0.2 are both this machine,
 * so two clients can be told apart by the server. HTTP/1.1 over a plain socket bound to that address
 * (java.net.http cannot bind one), one request per connection.
 */
public class PublicClient {

    public record Response(int status, List<String[]> headers, String body) {

        public Optional<String> header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst();
        }
    }

    private final InetAddress from;
    private final int port;

    public PublicClient(String fromAddress, int port) {
        try {
            this.from = InetAddress.getByName(fromAddress);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        this.port = port;
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response head(String path) {
        return send("HEAD", path, null);
    }

    /** A form post, as a browser (or a mail client's one-click unsubscribe) sends it. */
    public Response post(String path, String formBody) {
        return send("POST", path, formBody);
    }

    private Response send(String method, String path, String formBody) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            socket.setSoTimeout(30_000);
            byte[] body = formBody == null ? new byte[0] : formBody.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nConnection: close\r\n");
            if (formBody != null) {
                request.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ")
                        .append(body.length).append("\r\n");
            }
            request.append("\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            return read(socket.getInputStream(), !"HEAD".equals(method));
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " from " + from, e);
        }
    }

    private static Response read(InputStream in, boolean hasBody) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        List<String[]> headers = new ArrayList<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
        }
        boolean chunked = headers.stream().anyMatch(h -> h[0].equalsIgnoreCase("Transfer-Encoding")
                && h[1].toLowerCase(Locale.ROOT).contains("chunked"));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (!hasBody) {
            return new Response(status, headers, "");
        }
        if (chunked) {
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else {
            body.write(in.readAllBytes());
        }
        return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
