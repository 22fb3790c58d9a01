"""A real SMTP server on loopback (Debian's python3-aiosmtpd) that keeps every message it accepts,
for notification tests.

    with SmtpSink() as sink:
        ... bookdav serve --smtp 127.0.0.1:{sink.port} ...
        sink.wait_for(lambda msgs: len(msgs) >= 2)

Messages are email.message.EmailMessage objects (policy default) with .rcpt (the envelope recipients)
and .tls (whether the session had switched to TLS with STARTTLS).
`users` turns on AUTH (LOGIN/PLAIN) and refuses mail from a session that did not sign in.
`tls_context` offers STARTTLS; then AUTH is offered only after it, and `require_starttls` refuses every
command but EHLO, STARTTLS and QUIT before it.
"""
import email
import email.policy
import threading
import time
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from bookdav_server import free_port

# aiosmtpd 1.4 warns about its own use of a deprecated attribute on every AUTH.
warnings.filterwarnings("ignore", message="Session.login_data")


class SmtpSink:
    def __init__(self, port=None, users=None, tls_context=None, require_starttls=False):
        self.port = port or free_port()
        self.users = users
        self.tls_context = tls_context
        self.require_starttls = require_starttls
        self.lock = threading.Lock()
        self.messages = []
        self.controller = None

    # aiosmtpd handler
    async def handle_DATA(self, server, session, envelope):
        if self.users is not None and not session.authenticated:
            return "530 5.7.0 Authentication required"
        msg = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        msg.rcpt = list(envelope.rcpt_tos)
        msg.tls = session.ssl is not None
        with self.lock:
            self.messages.append(msg)
        return "250 OK"

    def _authenticate(self, server, session, envelope, mechanism, auth_data):
        login = getattr(auth_data, "login", b"")
        password = getattr(auth_data, "password", b"")
        if isinstance(login, bytes):
            login, password = login.decode(), password.decode()
        return AuthResult(success=self.users.get(login) == password)

    def start(self):
        kw = {}
        if self.users is not None:
            kw = {"authenticator": self._authenticate, "auth_require_tls": self.tls_context is not None}
        if self.tls_context is not None:
            kw.update(tls_context=self.tls_context, require_starttls=self.require_starttls)
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port, **kw)
        self.controller.start()
        return self

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def snapshot(self):
        with self.lock:
            return list(self.messages)

    def wait_for(self, predicate, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            msgs = self.snapshot()
            if predicate(msgs):
                return msgs
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for mail; have {len(self.snapshot())} messages: " +
                             ", ".join(f"{m['X-Bookdav-Kind']}->{m.rcpt}" for m in self.snapshot()))


def calendar_part(msg):
    """(method parameter of the Content-Type, the text/calendar text) of a message, or (None, None)."""
    for part in msg.walk():
        if part.get_content_type() == "text/calendar":
            return part.get_param("method"), part.get_content()
    return None, None
