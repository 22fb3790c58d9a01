"""The example businesses of examples/ against the real binary: each loads with `bookdav load` (and
again without changes), every one of its services can be booked through the JSON API; bad business
files name the file and the field and load nothing. (test_booking_face.py sees these bookings over
CalDAV.)"""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_api import EXAMPLES, ApiServer, ExampleSetup, booking_request  # noqa: E402


class ExampleBusiness(ExampleSetup):
    def test_loads_and_loads_again_without_changes(self):
        items = len(self.business["resources"]) + len(self.services())
        self.assertIn(f"{items} items: {items} created", self.loaded.stdout)
        again = self.srv.cli("load", self.path)
        self.assertIn(f"{items} items: 0 created, 0 updated, {items} unchanged", again.stdout)
        listed = {s["id"]: s for s in self.srv.api("GET", "/services", user="alice").json["services"]}
        for s in self.services():
            self.assertEqual(listed[s["id"]]["kind"], s["kind"])
            self.assertEqual(listed[s["id"]]["name"], s["name"])

    def test_every_service_books_through_json(self):
        for service in self.services():
            slot = self.first_slot(service)
            r = self.srv.api("POST", "/bookings", booking_request(service, slot), user="alice")
            self.assertEqual(r.status, 201, (service["id"], r))
            expected = "PENDING" if service.get("policy", {}).get("manualApproval") else "CONFIRMED"
            self.assertEqual((r.json["status"], r.json["start"]), (expected, slot["start"]))
            self.assertEqual(self.srv.api("GET", f"/bookings/{r.json['id']}", user="alice").json["serviceId"],
                             service["id"])
            seen = self.srv.api("GET", f"/calendar?from={slot['start']}&to={slot['end']}", user="admin").json
            self.assertIn(r.json["id"], [b["id"] for b in seen["bookings"]])


class HairSalon(ExampleBusiness, unittest.TestCase):
    FILE = "hair-salon.json"


class YogaStudio(ExampleBusiness, unittest.TestCase):
    FILE = "yoga-studio.json"


class LanguageSchool(ExampleBusiness, unittest.TestCase):
    FILE = "language-school.json"


class BadBusinessFiles(unittest.TestCase):
    def test_errors_name_the_file_and_the_field_and_load_nothing(self):
        with ApiServer(users={"admin": "admin"}) as srv:
            with open(os.path.join(EXAMPLES, "hair-salon.json"), encoding="utf-8") as f:
                salon = json.load(f)
            salon["services"][1]["policy"]["minimumNotice"] = "two hours"
            bad = os.path.join(srv.data, "salon.json")
            with open(bad, "w", encoding="utf-8") as f:
                json.dump(salon, f)
            r = srv.cli("load", bad, check=False)
            self.assertEqual(r.returncode, 1)
            self.assertIn(f"{bad}: services[1].policy.minimumNotice: \"two hours\" is not an ISO 8601 duration",
                          r.stderr)
            self.assertEqual(srv.api("GET", "/services").json["services"], [])
            self.assertEqual(srv.api("GET", "/resources").json["resources"], [])
            with open(bad, "w", encoding="utf-8") as f:
                f.write('{"resources": [}')
            r = srv.cli("load", bad, check=False)
            self.assertEqual(r.returncode, 1)
            self.assertIn("not valid JSON", r.stderr)
            self.assertEqual(srv.cli("load", check=False).returncode, 2)
            self.assertEqual(srv.cli("load", bad, "--colour", "red", check=False).returncode, 2)

    def test_a_refusal_half_way_loads_nothing(self):
        """The catalog refuses the last service (it has sessions, so it may not become a course) after
        the file's new resource was written: the whole file is one transaction, so neither stays."""
        with ApiServer(users={"admin": "admin"}) as srv:
            yoga = os.path.join(EXAMPLES, "yoga-studio.json")
            srv.cli("load", yoga)
            before = (srv.api("GET", "/services").json, srv.api("GET", "/resources").json)
            with open(yoga, encoding="utf-8") as f:
                changed = json.load(f)
            changed["resources"].append({"id": "new-mats", "kind": "equipment", "name": "New mats",
                                         "timezone": "Europe/Madrid"})
            changed["services"][0]["description"] = "Changed before the refusal"
            last = changed["services"][-1]
            last["kind"] = "course"
            for rule in last["schedule"]["weekly"]:
                rule["count"] = 4
            bad = os.path.join(srv.data, "changed.json")
            with open(bad, "w", encoding="utf-8") as f:
                json.dump(changed, f)
            r = srv.cli("load", bad, check=False)
            self.assertEqual(r.returncode, 1, r.stdout)
            self.assertIn(f"service {last['id']} has sessions; it cannot change from class to course", r.stderr)
            self.assertIn("nothing was loaded", r.stderr)
            self.assertEqual((srv.api("GET", "/services").json, srv.api("GET", "/resources").json), before)


if __name__ == "__main__":
    unittest.main()
