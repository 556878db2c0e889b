package io.dealflow.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small SMTP server, as a mail server that knows its mailboxes answers: {@code 550 5.1.1 User unknown} to
 * {@code RCPT TO} for the addresses given, {@code 250} to every other step, and it keeps who each accepted
 * message went to. GreenMail accepts every recipient, so a permanent refusal of one needs this.
 */
public final class RejectingSmtp implements AutoCloseable {

    private static final Pattern RCPT = Pattern.compile("RCPT TO:\\s?<([^>]*)>.*", Pattern.CASE_INSENSITIVE);

    private final ServerSocket server;
    private final Set<String> rejected = ConcurrentHashMap.newKeySet();
    private final List<String> delivered = new ArrayList<>();
    private final Thread acceptor;

    public RejectingSmtp(int port, String... rejectedAddresses) throws IOException {
        for (String address : rejectedAddresses) {
            rejected.add(address.toLowerCase(Locale.ROOT));
        }
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress("localhost", port));
        acceptor = new Thread(this::serve, "rejecting-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** From now on accepts every recipient, as after the mailbox was created. */
    public void acceptAll() {
        rejected.clear();
    }

    /** How many messages were accepted for this recipient. */
    public long deliveredTo(String recipient) {
        synchronized (delivered) {
            return delivered.stream().filter(recipient::equalsIgnoreCase).count();
        }
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket connection = server.accept()) {
                converse(connection);
            } catch (IOException | UncheckedIOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void converse(Socket connection) throws IOException {
        connection.setSoTimeout(10_000);
        BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                StandardCharsets.UTF_8));
        OutputStream out = connection.getOutputStream();
        List<String> recipients = new ArrayList<>();
        answer(out, "220 localhost ESMTP rejecting-smtp");
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.toUpperCase(Locale.ROOT);
            Matcher rcpt = RCPT.matcher(line);
            if (rcpt.matches()) {
                String address = rcpt.group(1).toLowerCase(Locale.ROOT);
                if (rejected.contains(address)) {
                    answer(out, "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown");
                } else {
                    recipients.add(address);
                    answer(out, "250 2.1.5 OK");
                }
            } else if (command.startsWith("DATA")) {
                answer(out, "354 End data with <CR><LF>.<CR><LF>");
                while ((line = in.readLine()) != null && !line.equals(".")) {
                    // the message itself is not kept
                }
                synchronized (delivered) {
                    delivered.addAll(recipients);
                }
                recipients.clear();
                answer(out, "250 2.0.0 OK queued");
            } else if (command.startsWith("QUIT")) {
                answer(out, "221 2.0.0 Bye");
                return;
            } else if (command.startsWith("RSET") || command.startsWith("MAIL")) {
                recipients.clear();
                answer(out, "250 2.0.0 OK");
            } else {
                answer(out, "250 localhost");
            }
        }
    }

    private static void answer(OutputStream out, String reply) {
        try {
            out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
