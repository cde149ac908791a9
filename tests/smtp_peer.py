"""A tiny SMTP server for the tests: real sockets, Django's real SMTP backend.

aiosmtpd is not installed and Python 3.12 drops ``smtpd``; the few commands
Django's ``smtp.EmailBackend`` sends (EHLO, MAIL, RCPT, DATA, QUIT) are
answered here by a ``socketserver`` thread. ``refuse_recipients=True`` answers
RCPT with a permanent 550 (an unknown mailbox); otherwise every message is
kept in ``messages`` (the raw text of each DATA).
"""

import socketserver
import threading


class _Session(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self):
        peer = self.server.peer
        self.reply("220 test SMTP ready")
        while line := self.rfile.readline():
            command = line.decode(errors="replace").strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self.reply("250 test")
            elif command.startswith("MAIL FROM"):
                self.reply("250 OK")
            elif command.startswith("RCPT TO"):
                if peer.refuse_recipients:
                    self.reply("550 5.1.1 No such mailbox here")
                else:
                    self.reply("250 OK")
            elif command == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                peer.messages.append(self.read_data())
                self.reply("250 OK queued")
            elif command == "RSET" or command == "NOOP":
                self.reply("250 OK")
            elif command == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")

    def read_data(self):
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b""):
            lines.append(line)
        return b"".join(lines).decode(errors="replace")


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class SMTPPeer:
    def __init__(self, port, refuse_recipients=False):
        self.port = port
        self.refuse_recipients = refuse_recipients
        self.messages = []
        self._server = None

    def start(self):
        self._server = _Server(("127.0.0.1", self.port), _Session)
        self._server.peer = self
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
