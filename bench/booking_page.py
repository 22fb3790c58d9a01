#!/usr/bin/env python3
"""Page weight and time to the first slot list of the public booking page (bench/RESULTS.md).

Weight: the bytes of HTML, CSS and JavaScript the booking flow loads (the page, its stylesheet and
every module it imports), as served (no compression). Time: in Debian's headless Chromium against
`bookdav serve --demo` on loopback, from navigation start to the services list, and from the click on
a service to its first list of free times (with how many availability queries made it and their
answers' size); medians of --runs fresh page loads.

    bench/booking_page.py [--bin build/bookdav] [--runs 15]
"""
import argparse
import os
import re
import statistics
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "support"))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "web"))


def weight(base):
    """{path: bytes} of the booking page and everything it loads."""
    seen, todo = {}, ["/book/"]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        body = urllib.request.urlopen(base + path).read()
        seen[path] = len(body)
        text = body.decode("utf-8")
        for ref in re.findall(r'(?:href|src)="(/book/assets/[^"]+)"', text):
            todo.append(ref)
        for ref in re.findall(r"from '\./([^']+)'", text):
            todo.append("/book/assets/" + ref)
    return seen


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.path.join(HERE, "..", "build", "bookdav"))
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    os.environ["BOOKDAV_BIN"] = os.path.abspath(args.bin)
    from bookdav_server import BookdavServer
    from browser import browser, find

    with BookdavServer(users={}, demo=True, data_dir=tempfile.mkdtemp(prefix="bookdav-page-")) as srv:
        sizes = weight(srv.url)
        for path, n in sorted(sizes.items()):
            print(f"{path:40s} {n:7d} B")
        print(f"{'total':40s} {sum(sizes.values()):7d} B")
        driver = browser(1280)
        services, slots, queries = [], [], []
        try:
            for _ in range(args.runs):
                driver.get("about:blank")
                driver.get(srv.url + "/book/")
                find(driver, '[data-service="haircut"] button')
                services.append(driver.execute_script(
                    "return performance.getEntriesByName('bookdav-services-shown')[0].startTime"))
                # Clicked and timed inside the page, so that WebDriver's round trips do not count.
                slots.append(driver.execute_async_script(
                    "const done = arguments[arguments.length - 1]; const t0 = performance.now();"
                    "document.querySelector('[data-service=\"haircut\"] button').click();"
                    "const poll = () => document.querySelector('.slots button') ? done(performance.now() - t0)"
                    " : requestAnimationFrame(poll); poll();"))
                # The availability queries behind that list (one per month shown) and their answers' size.
                queries.append(driver.execute_script(
                    "return performance.getEntriesByType('resource')"
                    ".filter(e => e.name.endsWith('/api/v1/availability/query')).map(e => e.decodedBodySize)"))
        finally:
            driver.quit()
        print(f"services shown after navigation start: median {statistics.median(services):.0f} ms "
              f"(min {min(services):.0f}, max {max(services):.0f}) over {args.runs} loads")
        print(f"first slot list after choosing Haircut:  median {statistics.median(slots):.0f} ms "
              f"(min {min(slots):.0f}, max {max(slots):.0f})")
        print(f"navigation start to first slot list:    median {statistics.median(services) + statistics.median(slots):.0f} ms")
        print(f"availability queries for it: {sorted(set(len(q) for q in queries))}, answer sizes (B): "
              f"median {statistics.median(b for q in queries for b in q):.0f}")


if __name__ == "__main__":
    main()
