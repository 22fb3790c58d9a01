"""A real headless Chromium for the browser tests: Debian's chromium driven by its chromedriver through
python3-selenium. A missing browser or driver is a failure, never a skip."""
import os
import time

from selenium import webdriver
from selenium.common.exceptions import (ElementClickInterceptedException, NoSuchElementException,
                                        StaleElementReferenceException)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = os.environ.get("BOOKDAV_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("BOOKDAV_CHROMEDRIVER", "/usr/bin/chromedriver")
SHOTS = os.environ.get("BOOKDAV_SCREENSHOTS", os.path.join(os.getcwd(), "screenshots"))


def browser(width=1280, height=900, zone=None, insecure_certs=False):
    """A headless Chromium window `width` CSS pixels wide (a phone: 360); with insecure_certs it
    accepts a test's self-signed certificate."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            raise AssertionError(f"{path} is missing: install Debian's chromium and chromium-driver "
                                 "(scripts/install-deps); the browser tests cannot run without them")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    options.add_argument("--headless=new")
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")
    options.add_argument("--disable-dev-shm-usage")
    options.add_argument("--disable-gpu")
    options.add_argument("--no-first-run")
    options.add_argument(f"--window-size={width},{height}")
    options.add_argument("--lang=en-GB")
    options.accept_insecure_certs = insecure_certs
    env = dict(os.environ)
    if zone:
        env["TZ"] = zone
    service = Service(executable_path=CHROMEDRIVER, env=env) if zone else Service(executable_path=CHROMEDRIVER)
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_window_size(width, height)
    driver.implicitly_wait(0)
    return driver


def wait(driver, seconds=20):
    return WebDriverWait(driver, seconds)


def find(driver, css, seconds=20):
    """The first element matching css once it is visible."""
    return wait(driver, seconds).until(EC.visibility_of_element_located((By.CSS_SELECTOR, css)))


def click(driver, css, seconds=20):
    """Clicks the first element matching css once it is visible and enabled. The pages re-render
    (loading, then loaded), so an element found a moment ago may be gone: then it is found again."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            el = driver.find_element(By.CSS_SELECTOR, css)
            if el.is_displayed() and el.is_enabled():
                driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
                el.click()
                return el
        except (NoSuchElementException, StaleElementReferenceException, ElementClickInterceptedException):
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"no clickable {css} within {seconds} s")
        time.sleep(0.05)


def shown_month(driver, seconds=20):
    """The first day ("2026-12-01") of the month the appointment picker shows, once its free times are in."""
    return wait(driver, seconds).until(lambda d: d.execute_script(
        "const t = document.querySelector('table.month');"
        "return t && !t.hasAttribute('aria-busy') && t.querySelector('[data-day]').dataset.day"))


def choose_day(driver, day, seconds=20):
    """Chooses `day` ("2026-12-07") in the appointment picker, paging to its month first."""
    for _ in range(14):
        month = shown_month(driver, seconds)
        if month[:7] == day[:7]:
            return click(driver, f'.month button[data-day="{day}"]', seconds)
        click(driver, "#month-after" if month[:7] < day[:7] else "#month-before", seconds)
    raise AssertionError(f"the appointment picker never showed {day}")


def heading(driver, text, seconds=20):
    """Waits until the page's h1 contains text; returns the h1's text."""
    wait(driver, seconds).until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "h1"), text))
    return driver.find_element(By.CSS_SELECTOR, "h1").text


def screenshot(driver, name):
    """A full-page screenshot under the build directory's screenshots/ (name-<width>.png)."""
    os.makedirs(SHOTS, exist_ok=True)
    width = driver.execute_script("return window.innerWidth")
    height = driver.execute_script("return Math.max(document.documentElement.scrollHeight, 400)")
    driver.set_window_size(driver.get_window_size()["width"], min(height + 140, 6000))
    path = os.path.join(SHOTS, f"{name}-{width}.png")
    driver.save_screenshot(path)
    return path


AXE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "js", "node_modules", "axe-core", "axe.min.js")


def accessibility_problems(driver):
    """axe-core's serious and critical violations on the page as it stands (npm ci in tests/web/js)."""
    if not os.path.isfile(AXE):
        raise AssertionError(f"{AXE} is missing: run `npm ci` in tests/web/js (scripts/test does)")
    if not driver.execute_script("return typeof window.axe === 'object'"):
        with open(AXE, encoding="utf-8") as f:
            driver.execute_script(f.read())
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => "
        "({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))))"
        ".catch(e => done([{id: 'axe-failed', impact: 'critical', help: String(e), nodes: []}]));")
    return [v for v in result if v["impact"] in ("serious", "critical")]


def page(driver, test, name):
    """Screenshots of the page at 360 and 1280 CSS pixels, no serious accessibility problem and no
    sideways scrolling at either, and no stray JavaScript value (null, undefined) in its text."""
    text = driver.find_element(By.TAG_NAME, "main").text
    test.assertNotRegex(text, r"\b(null|undefined|NaN|\[object Object\])\b", f"{name} shows a JavaScript value")
    size = driver.get_window_size()
    for width in (360, 1280):
        driver.set_window_size(width, 900)
        test.assertEqual(accessibility_problems(driver), [], f"{name} at {width} px")
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        test.assertLessEqual(overflow, 0, f"{name} is wider than the window at {width} px")
        screenshot(driver, name)
    driver.set_window_size(size["width"], size["height"])
