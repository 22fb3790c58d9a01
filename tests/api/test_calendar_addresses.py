"""Calendar addresses stay unique (issue 11 leftovers): a service or resource written through the JSON
API, or an account given an e-mail with `bookdav user add --email`, may not take an address another
calendar user has: another service's or resource's (explicit, or derived <id>@<domain> when it has
none) or an account's (its e-mail, or <name>@<domain> without one). The API answers 409 address-taken
naming the e-mail field, the CLI exits 1 with a sentence; nothing changes. Addresses are compared
without regard to case; a service or resource may name its own derived address."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_api import BusinessTest  # noqa: E402


def service(sid, email=None):
    s = {"id": sid, "kind": "appointment", "name": sid.title(), "timezone": "Europe/Madrid",
         "duration": "PT30M", "resources": [{"anyOf": ["ben"]}]}
    if email is not None:
        s["email"] = email
    return s


def room(rid, email=None):
    r = {"id": rid, "kind": "room", "name": rid.title(), "timezone": "Europe/Madrid",
         "workingHours": {"weekly": [{"days": ["MO"], "start": "09:00", "end": "13:00"}]}}
    if email is not None:
        r["email"] = email
    return r


class CalendarAddresses(BusinessTest):
    def test_1_the_api_refuses_an_address_another_calendar_user_has(self):
        self.assertEqual(self.api("POST", "/services", service("desk", "desk@salon.test")).status, 201)
        cases = [
            ("/services", service("massage", "DESK@salon.test")),       # another service's e-mail
            ("/resources", room("room-x", "desk@salon.test")),          # the same, for a resource
            ("/services", service("massage", "ben@localhost")),         # resource ben's derived address
            ("/resources", room("room-x", "cut@localhost")),            # service cut's derived address
            ("/services", service("massage", "alice@localhost")),       # account alice (no e-mail)
        ]
        for path, body in cases:
            r = self.api("POST", path, body)
            self.assertError(r, 409, "address-taken", "email")
            self.assertIn(body["email"], r.json["error"]["message"])
            self.assertEqual(self.api("GET", f"{path}/{body['id']}").status, 404, "nothing stored")
        # changing an existing one is refused the same way, and leaves it as it was
        r = self.api("PUT", "/services/desk", service("desk", "ben@localhost"))
        self.assertError(r, 409, "address-taken", "email")
        self.assertEqual(self.api("GET", "/services/desk").json.get("email"), "desk@salon.test")

    def test_2_free_and_own_addresses_are_taken(self):
        self.assertEqual(self.api("POST", "/services", service("nails", "nails@salon.test")).status, 201)
        self.assertEqual(self.api("PUT", "/services/nails", service("nails", "NAILS@salon.test")).status, 200)
        self.assertEqual(self.api("POST", "/resources", room("room-y", "room-y@localhost")).status, 201)
        # without an e-mail a new service derives one; a clash there falls back as before (no refusal)
        self.assertEqual(self.api("POST", "/services", service("alice")).status, 201)

    def test_3_user_add_refuses_an_address_a_service_resource_or_account_has(self):
        self.assertEqual(self.api("POST", "/services", service("spa", "spa@salon.test")).status, 201)
        for email in ("spa@salon.test", "Ben@localhost", "cut@localhost", "bob@localhost"):
            r = self.srv.cli("user", "add", "carol", "--password", "pw", "--email", email, check=False)
            self.assertEqual(r.returncode, 1, (email, r.stdout, r.stderr))
            self.assertIn("each calendar user needs its own", r.stderr)
        listed = self.srv.cli("user", "list").stdout
        self.assertNotIn("carol", listed, "nothing stored")
        r = self.srv.cli("user", "add", "carol", "--password", "pw", "--email", "carol@example.com", check=False)
        self.assertEqual(r.returncode, 0, r.stderr)
        # an account may keep (or restate) its own address
        r = self.srv.cli("user", "add", "carol", "--password", "pw2", "--email", "CAROL@example.com", check=False)
        self.assertEqual(r.returncode, 0, r.stderr)
        r = self.srv.cli("user", "add", "dave", "--password", "pw", "--email", "carol@example.com", check=False)
        self.assertEqual(r.returncode, 1, r.stderr)


if __name__ == "__main__":
    unittest.main()
