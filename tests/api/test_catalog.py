"""JSON API catalog against the real binary: services, resources (with working hours) and class/course
schedules; list shapes, CRUD for the business, read-only for staff and customers, validation errors
that name the field."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_api import ALWAYS, BusinessTest, today  # noqa: E402


class Catalog(BusinessTest):
    def test_lists_have_the_contract_shape(self):
        for user in ("admin", "ana", "alice"):
            r = self.api("GET", "/services", user=user)
            self.assertEqual(r.status, 200, r)
            self.assertEqual(r.header("Content-Type"), "application/json; charset=utf-8")
            ids = {s["id"]: s for s in r.json["services"]}
            self.assertTrue({"cut", "solo", "strict", "yoga", "course"} <= set(ids))
            self.assertEqual(ids["cut"]["kind"], "appointment")
            self.assertEqual(ids["yoga"]["kind"], "class")
            self.assertEqual(ids["course"]["kind"], "course")
            self.assertEqual(ids["cut"]["name"], "Cut")
            self.assertEqual(ids["cut"]["duration"], "PT30M")
            self.assertEqual(ids["cut"]["price"], {"amount": "20.00", "currency": "EUR"})
            self.assertEqual(ids["cut"]["resources"], [{"anyOf": ["ana", "ben"]}])
            self.assertEqual(ids["yoga"]["policy"]["waitlistCapacity"], 1)
            self.assertEqual(ids["yoga"]["schedule"]["weekly"][0]["time"], "10:00")
            r = self.api("GET", "/resources", user=user)
            self.assertEqual(r.status, 200, r)
            res = {x["id"]: x for x in r.json["resources"]}
            self.assertEqual(res["ana"]["kind"], "staff")
            self.assertEqual(res["room-a"]["kind"], "room")
            self.assertEqual(res["ana"]["workingHours"]["weekly"][0]["end"], "24:00")
            if user == "alice":
                self.assertNotIn("userName", res["ana"], "customers do not see staff logins")
            else:
                self.assertEqual(res["ana"]["userName"], "ana")

    def test_business_creates_changes_and_removes_a_service(self):
        svc = {"id": "massage", "kind": "appointment", "name": "Massage", "timezone": "Europe/Madrid",
               "duration": "PT45M", "resources": [{"anyOf": ["ben"]}],
               "policy": {"minimumNotice": "PT2H", "bufferAfter": "PT15M", "slotGranularity": "PT15M"}}
        r = self.api("POST", "/services", svc)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.header("Location"), "/api/v1/services/massage")
        self.assertEqual(r.json["policy"]["bufferAfter"], "PT15M")
        self.assertEqual(r.json["policy"]["maximumHorizon"], None)
        self.assertError(self.api("POST", "/services", svc), 409, "already-exists", "id")
        self.assertEqual(self.api("GET", "/services/massage", user="alice").json["name"], "Massage")
        svc["name"] = "Deep-tissue massage"
        r = self.api("PUT", "/services/massage", svc)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["name"], "Deep-tissue massage")
        same = self.api("PUT", "/services/massage", svc)
        self.assertEqual(same.status, 200, same)
        self.assertEqual(self.api("DELETE", "/services/massage").status, 204)
        self.assertError(self.api("GET", "/services/massage"), 404, "not-found")
        self.assertError(self.api("DELETE", "/services/massage"), 404, "not-found")

    def test_what_get_answers_can_be_put_back_unchanged(self):
        sessions = self.api("GET", "/sessions?serviceId=yoga").json["sessions"]
        for kind in ("services", "resources"):
            for item in self.api("GET", f"/{kind}").json[kind]:
                r = self.api("PUT", f"/{kind}/{item['id']}", item)
                self.assertEqual((r.status, r.json), (200, item), item["id"])
        self.assertEqual(self.api("GET", "/sessions?serviceId=yoga").json["sessions"], sessions)

    def test_put_creates_when_missing(self):
        r = self.api("PUT", "/services/pilates", {"kind": "class", "name": "Pilates", "timezone": "UTC",
                                                  "duration": "PT50M", "capacity": 6})
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["id"], "pilates")
        self.assertEqual(r.json["schedule"], None)
        self.assertEqual(self.api("DELETE", "/services/pilates").status, 204)

    def test_staff_and_customers_only_read(self):
        before = self.api("GET", "/services").json
        svc = {"id": "x", "kind": "class", "name": "X", "timezone": "UTC", "duration": "PT1H"}
        res = {"id": "y", "kind": "room", "name": "Y", "timezone": "UTC"}
        for user in ("ana", "alice"):
            self.assertError(self.api("POST", "/services", svc, user=user), 403, "not-allowed")
            self.assertError(self.api("PUT", "/services/cut", dict(svc, id="cut"), user=user), 403, "not-allowed")
            self.assertError(self.api("DELETE", "/services/cut", user=user), 403, "not-allowed")
            self.assertError(self.api("PUT", "/services/yoga/schedule", {"weekly": []}, user=user), 403, "not-allowed")
            self.assertError(self.api("POST", "/resources", res, user=user), 403, "not-allowed")
            self.assertError(self.api("DELETE", "/resources/ben", user=user), 403, "not-allowed")
            self.assertError(self.api("PUT", "/resources/ben/working-hours", ALWAYS, user=user), 403, "not-allowed")
        self.assertEqual(self.api("GET", "/services").json, before)

    def test_schedules(self):
        r = self.api("GET", "/services/yoga/schedule", user="alice")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["resourceIds"], ["room-a"])
        self.assertError(self.api("GET", "/services/cut/schedule"), 404, "not-found")
        self.assertError(self.api("PUT", "/services/cut/schedule", {"weekly": [
            {"days": ["MO"], "time": "10:00", "from": today().isoformat()}]}), 400, "invalid-request")
        # A new class with a schedule of its own, then changed and removed.
        self.assertEqual(self.api("PUT", "/services/spin", {"kind": "class", "name": "Spin", "timezone": "UTC",
                                                            "duration": "PT45M", "capacity": 4}).status, 201)
        sched = {"resourceIds": ["ben"], "weekly": [{"days": ["TU", "TH"], "time": "19:00",
                                                     "from": today().isoformat()}]}
        r = self.api("PUT", "/services/spin/schedule", sched)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["weekly"][0]["days"], ["TU", "TH"])
        sessions = self.api("GET", "/sessions?serviceId=spin").json["sessions"]
        self.assertTrue(all(s["start"].endswith("T19:00:00Z") for s in sessions), sessions)
        sched["weekly"][0]["time"] = "07:15"
        self.assertEqual(self.api("PUT", "/services/spin/schedule", sched).status, 200)
        sessions = self.api("GET", "/sessions?serviceId=spin").json["sessions"]
        self.assertTrue(sessions and all(s["start"].endswith("T07:15:00Z") for s in sessions), sessions)
        r = self.api("DELETE", "/services/spin/schedule")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(self.api("GET", "/sessions?serviceId=spin").json["sessions"], [])
        self.assertError(self.api("GET", "/services/spin/schedule"), 404, "not-found")
        # A course needs a fixed series.
        r = self.api("PUT", "/services/course2", {"kind": "course", "name": "C2", "timezone": "UTC", "duration": "PT1H",
                                                  "schedule": {"weekly": [{"days": ["MO"], "time": "10:00",
                                                                           "from": today().isoformat()}]}})
        self.assertError(r, 400, "invalid-request")
        self.assertIn("fixed series", r.error["message"])
        self.assertError(self.api("GET", "/services/course2"), 404, "not-found")

    def test_resources_and_working_hours(self):
        room = {"id": "room-b", "kind": "room", "name": "Room B", "timezone": "Europe/Madrid",
                "workingHours": {"weekly": [{"days": ["MO", "TU"], "start": "09:00", "end": "13:00"}],
                                 "extra": [{"date": "2026-12-19", "start": "10:00", "end": "12:00"}],
                                 "closed": [{"from": "2026-12-24", "until": "2026-12-26", "note": "Christmas"},
                                            {"start": "2026-12-31T11:00", "end": "2026-12-31T13:00"}]}}
        r = self.api("POST", "/resources", room)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.header("Location"), "/api/v1/resources/room-b")
        self.assertEqual(r.json["workingHours"]["closed"][0], {"from": "2026-12-24", "until": "2026-12-26",
                                                               "note": "Christmas"})
        self.assertEqual(r.json["workingHours"]["closed"][1]["start"], "2026-12-31T11:00")
        self.assertError(self.api("POST", "/resources", room), 409, "already-exists")
        hours = {"weekly": [{"days": ["WE"], "start": "08:00", "end": "12:30"}]}
        r = self.api("PUT", "/resources/room-b/working-hours", hours)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["weekly"], [{"days": ["WE"], "start": "08:00", "end": "12:30"}])
        self.assertEqual(self.api("GET", "/resources/room-b/working-hours", user="alice").json["weekly"][0]["days"],
                         ["WE"])
        self.assertEqual(self.api("GET", "/resources/room-b").json["workingHours"]["weekly"][0]["end"], "12:30")
        self.assertEqual(self.api("DELETE", "/resources/room-b").status, 204)
        self.assertError(self.api("GET", "/resources/room-b"), 404, "not-found")
        # A resource a service needs stays.
        r = self.api("DELETE", "/resources/ben")
        self.assertError(r, 400, "invalid-request")
        self.assertIn("ben", r.error["message"])

    def test_validation_names_the_field(self):
        base = {"id": "v", "kind": "appointment", "name": "V", "timezone": "UTC", "duration": "PT30M",
                "resources": [["ana"]]}
        cases = [
            (dict(base, duration="30 minutes"), "duration"),
            (dict(base, duration="PT0M"), "duration"),
            (dict(base, kind="meeting"), "kind"),
            (dict(base, id="Not A Slug"), "id"),
            (dict(base, capacity=3), "capacity"),
            (dict(base, resources=[]), "resources"),
            (dict(base, resources=[{"anyOf": [5]}]), "resources[0].anyOf[0]"),
            (dict(base, policy={"minimumNotice": 3600}), "policy.minimumNotice"),
            (dict(base, policy={"maxParticipantsPerBooking": 0}), "policy.maxParticipantsPerBooking"),
            (dict(base, policy={"bufferAfter": "P2D"}), "policy.bufferAfter"),
            (dict(base, policy={"minimumNotice": "PT2H", "maximumHorizon": "PT1H"}), "policy.maximumHorizon"),
            (dict(base, policy={"manualApproval": "yes"}), "policy.manualApproval"),
            (dict(base, policy={"cancelDeadline": "PT1H"}), "policy.cancelDeadline"),
            (dict(base, price={"amount": "ten", "currency": "EUR"}), "price.amount"),
            (dict(base, location={"kind": "moon"}), "location.kind"),
            (dict(base, colour="red"), "colour"),
            ({k: v for k, v in base.items() if k != "name"}, "name"),
            ({k: v for k, v in base.items() if k != "timezone"}, "timezone"),
        ]
        for body, field in cases:
            self.assertError(self.api("POST", "/services", body), 400, "invalid-request", field)
        # Checked by the booking domain: a zone it does not know, a resource that does not exist.
        r = self.api("POST", "/services", dict(base, timezone="Mars/Olympus"))
        self.assertError(r, 400, "invalid-request")
        self.assertIn("Mars/Olympus", r.error["message"])
        r = self.api("POST", "/services", dict(base, resources=[["nobody"]]))
        self.assertError(r, 400, "invalid-request")
        self.assertIn("nobody", r.error["message"])
        self.assertError(self.api("PUT", "/services/v", dict(base, id="w")), 400, "invalid-request", "id")
        self.assertError(self.api("GET", "/services/v"), 404, "not-found")
        res = {"id": "r", "kind": "staff", "name": "R", "timezone": "UTC"}
        for body, field in [
            (dict(res, workingHours={"weekly": [{"days": ["MO"], "start": "18:00", "end": "09:00"}]}),
             "workingHours.weekly[0].end"),
            (dict(res, workingHours={"weekly": [{"days": ["Monday"], "start": "09:00", "end": "17:00"}]}),
             "workingHours.weekly[0].days[0]"),
            (dict(res, workingHours={"weekly": [{"days": ["MO"], "start": "9", "end": "17:00"}]}),
             "workingHours.weekly[0].start"),
            (dict(res, workingHours={"closed": [{"from": "2026-02-30"}]}), "workingHours.closed[0].from"),
            (dict(res, workingHours="salon"), "workingHours"),
            (dict(res, userName="no spaces"), "userName"),
            (dict(res, kind="robot"), "kind"),
        ]:
            self.assertError(self.api("POST", "/resources", body), 400, "invalid-request", field)
        self.assertError(self.api("GET", "/resources/r"), 404, "not-found")

    def test_wrong_methods(self):
        for method, path, allow in [("DELETE", "/services", "GET, POST"), ("POST", "/services/cut", "GET, PUT, DELETE"),
                                    ("PATCH", "/resources/ana", "GET, PUT, DELETE"),
                                    ("POST", "/resources/ana/working-hours", "GET, PUT")]:
            r = self.api(method, path, {})
            self.assertError(r, 405, "method-not-allowed")
            self.assertEqual(r.header("Allow"), allow)


if __name__ == "__main__":
    unittest.main()
