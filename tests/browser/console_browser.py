#!/usr/bin/python3
"""The admin console in a real browser (issue 14): Debian's chromium through chromedriver and
python3-selenium, against the real binary on 127.0.0.1 with a fresh SQLite database.

Twice, with JavaScript on and off: sign in; create a course through the form with a too-short
title, see the message next to the field and the other values kept; fix it and save; publish
(waiting for the URL that shows it); the course is on /courses; after counted views its page
shows them and an SVG chart. No console errors (the 422 answer's status aside). Screenshots at
1280x800 and 390x844 under <artifacts>/ (no horizontal scrolling at 390 px), and an accessibility
check in the page: every input labelled, headings in order, text contrast at least 4.5:1.

Exit status 0: passed; 1: failed; 77: skipped (no chromium or chromedriver).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

TOKEN = "browser-console-token-0123456789"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    print("SKIP: python3-selenium is not installed (scripts/install-deps.sh)")
    sys.exit(77)

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)
    return condition


# Runs in the page: every visible input labelled, headings in order, text contrast >= 4.5:1.
A11Y_SCRIPT = r"""
function parse(c) {
  const m = c.match(/rgba?\(([^)]+)\)/);
  if (!m) return null;
  const p = m[1].split(',').map(s => parseFloat(s));
  return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
}
function lum(c) {
  const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
}
function background(el) {
  for (let e = el; e; e = e.parentElement) {
    const c = parse(getComputedStyle(e).backgroundColor);
    if (c && c.a > 0) return c;
  }
  return {r: 255, g: 255, b: 255, a: 1};
}
const problems = [];
for (const el of document.querySelectorAll('input, select, textarea')) {
  if (el.type === 'hidden') continue;
  const labelled = (el.id && document.querySelector('label[for="' + el.id + '"]')) ||
                   el.closest('label') || el.getAttribute('aria-label');
  if (!labelled) problems.push('unlabelled input ' + (el.name || el.outerHTML.slice(0, 60)));
}
let last = 0;
for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
  const level = parseInt(h.tagName.substring(1));
  if (level > last + 1) problems.push('heading ' + h.tagName + ' "' + h.textContent + '" after h' + last);
  last = level;
}
if (!document.querySelector('h1')) problems.push('no h1');
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const seen = new Set();
while (walker.nextNode()) {
  const node = walker.currentNode;
  if (!node.textContent.trim()) continue;
  const el = node.parentElement;
  if (!el || seen.has(el)) continue;
  seen.add(el);
  if (el.closest('svg')) continue;  // the chart's texts are checked below as SVG fills
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  if (style.visibility === 'hidden' || style.display === 'none' || rect.width <= 1 || rect.height <= 1) continue;
  const fg = parse(style.color);
  const bg = background(el);
  const l1 = lum(fg), l2 = lum(bg);
  const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
  if (ratio < 4.5) problems.push('contrast ' + ratio.toFixed(2) + ' of "' + node.textContent.trim().slice(0, 40) + '"');
}
const doc = document.documentElement;
if (doc.scrollWidth > window.innerWidth + 1) problems.push('horizontal scroll: ' + doc.scrollWidth + ' > ' + window.innerWidth);
return problems;
"""


def start_service(binary, work):
    port_file = os.path.join(work, "port")
    env = dict(os.environ, COURSEDIST_ADMIN_TOKENS=TOKEN)
    log = open(os.path.join(work, "service.log"), "w")
    process = subprocess.Popen(
        [binary, "serve", "--database", "sqlite:" + os.path.join(work, "db.sqlite"),
         "--listen", "127.0.0.1:0", "--port-file", port_file, "--public-rate-limit", "off",
         "--counter-event-window", "0", "--public-cache-ttl-ms", "0"],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if os.path.exists(port_file):
            port = int(open(port_file).read().strip())
            try:
                urllib.request.urlopen("http://127.0.0.1:%d/readyz" % port, timeout=2)
                return process, "http://127.0.0.1:%d" % port
            except Exception:
                pass
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    raise RuntimeError("the service did not start; see " + log.name)


def browser(javascript):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,800", "--no-first-run", "--disable-extensions"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    return driver


def viewport(driver, width, height):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1,
                            "mobile": width < 600})


def accessibility(driver, what):
    for problem in driver.execute_script(A11Y_SCRIPT):
        check(False, "%s: %s" % (what, problem))


def console_errors(driver, what):
    for entry in driver.get_log("browser"):
        if entry.get("level") != "SEVERE":
            continue
        message = entry.get("message", "")
        if "status of 422" in message:  # the invalid submit's answer, expected
            continue
        check(False, "%s: console error: %s" % (what, message))


def field_error(driver, name):
    found = driver.find_elements(By.ID, name + "-error")
    return found[0].text if found else ""


def submit(driver, label):
    driver.find_element(By.XPATH, "//button[normalize-space()='%s']" % label).click()


def flow(base, artifacts, javascript):
    mode = "js" if javascript else "nojs"
    driver = browser(javascript)
    wait = WebDriverWait(driver, 20)
    try:
        driver.get(base + "/admin")
        wait.until(EC.url_contains("/admin/login"))
        check("next=%2Fadmin" in driver.current_url, mode + ": login keeps next")
        accessibility(driver, mode + " login")
        if javascript:
            viewport(driver, 1280, 800)
            driver.save_screenshot(os.path.join(artifacts, "console-login-1280x800.png"))
        driver.find_element(By.ID, "token").send_keys(TOKEN)
        submit(driver, "Sign in")
        wait.until(lambda d: d.current_url.rstrip("/").endswith("/admin"))
        wait.until(EC.presence_of_element_located((By.XPATH, "//h1[.='Dashboard']")))

        driver.find_element(By.LINK_TEXT, "New distribution").click()
        wait.until(EC.url_contains("/admin/distributions/new"))
        title = "Sourdough " + mode
        description = ("Bake sourdough bread at home: the starter, the dough, shaping and the "
                       "oven, with worked examples (" + mode + ").")
        driver.find_element(By.ID, "course_id").send_keys("course_browser_" + mode)
        driver.find_element(By.ID, "title").send_keys("Short")
        driver.find_element(By.ID, "description").send_keys(description)
        driver.find_element(By.ID, "target_groups").send_keys("bakers, hobby cooks")
        driver.find_element(By.ID, "meta_title").send_keys("Sourdough at home " + mode)
        driver.find_element(By.ID, "meta_description").send_keys(
            "Sourdough bread at home: starter, dough, shaping and baking, step by step.")
        submit(driver, "Create distribution")
        wait.until(EC.presence_of_element_located((By.ID, "title-error")))
        check("characters" in field_error(driver, "title"),
              mode + ": the title's message is beside it: " + field_error(driver, "title"))
        # Right after the title input, before the next input.
        follows = driver.execute_script(
            "const e = document.getElementById('title-error');"
            "const inputs = [...document.querySelectorAll('input,textarea,select')];"
            "const t = document.getElementById('title');"
            "const next = inputs[inputs.indexOf(t) + 1];"
            "return !!(t.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING) &&"
            " !!(e.compareDocumentPosition(next) & Node.DOCUMENT_POSITION_FOLLOWING);")
        check(follows, mode + ": the error sits between the title and the next input")
        check(driver.find_element(By.ID, "description").get_attribute("value") == description,
              mode + ": the description is kept")
        check(driver.find_element(By.ID, "target_groups").get_attribute("value") ==
              "bakers, hobby cooks", mode + ": the target groups are kept")
        check(driver.find_element(By.ID, "title").get_attribute("value") == "Short",
              mode + ": the typed title is kept")
        accessibility(driver, mode + " form with errors")
        if javascript:
            counter = driver.find_element(By.ID, "meta_title-count").text
            check(counter.startswith(str(len("Sourdough at home js"))), "js: counter " + counter)
            driver.find_element(By.ID, "meta_title").send_keys("!")
            check(driver.find_element(By.ID, "preview-title").text.endswith("!"),
                  "js: the preview follows the meta title")
        title_input = driver.find_element(By.ID, "title")
        title_input.clear()
        title_input.send_keys(title)
        submit(driver, "Create distribution")
        try:
            wait.until(EC.url_contains("done=created"))
        except Exception:
            errors = [e.text for e in driver.find_elements(By.CLASS_NAME, "error")]
            raise RuntimeError(mode + ": not created: " + repr(errors))
        check(driver.find_element(By.TAG_NAME, "h1").text == title, mode + ": the new page")

        submit(driver, "Publish")
        wait.until(EC.url_contains("done=published"))
        check("Public" in driver.find_element(By.CLASS_NAME, "totals").text,
              mode + ": published")
        page_url = driver.current_url.split("?")[0]
        public_href = driver.find_element(By.LINK_TEXT, "Public page").get_attribute("href")

        driver.get(base + "/courses")
        check(title in driver.page_source, mode + ": the course is on /courses")

        for _ in range(3):  # counted views (a browser's User-Agent)
            request = urllib.request.Request(public_href, headers={
                "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36"})
            urllib.request.urlopen(request, timeout=10).read()
        driver.get(page_url + "?days=7")
        totals = driver.find_element(By.CLASS_NAME, "totals").text
        check("3" in totals, mode + ": the views are shown: " + totals)
        svg = driver.find_elements(By.CSS_SELECTOR, "svg.chart")
        check(len(svg) == 1, mode + ": an SVG chart")
        if svg:
            check("Views and clicks" in svg[0].find_element(By.TAG_NAME, "title")
                  .get_attribute("textContent"), mode + ": the chart has a title")
        check("3 views" in driver.page_source, mode + ": the period's views")
        accessibility(driver, mode + " distribution page")
        if javascript:
            viewport(driver, 1280, 800)
            driver.save_screenshot(os.path.join(artifacts, "console-distribution-1280x800.png"))
            viewport(driver, 390, 844)
            accessibility(driver, "distribution page at 390 px")
            driver.save_screenshot(os.path.join(artifacts, "console-distribution-390x844.png"))
            driver.get(base + "/admin")
            for width, height in ((1280, 800), (390, 844)):
                viewport(driver, width, height)
                accessibility(driver, "dashboard at %d px" % width)
                driver.save_screenshot(
                    os.path.join(artifacts, "console-dashboard-%dx%d.png" % (width, height)))
        console_errors(driver, mode)
    finally:
        driver.quit()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--artifacts", required=True)
    args = parser.parse_args()
    if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
        print("SKIP: chromium or chromedriver missing (scripts/install-deps.sh)")
        return 77
    os.makedirs(args.artifacts, exist_ok=True)
    work = tempfile.mkdtemp(prefix="coursedist-console-browser-")
    process, base = start_service(args.binary, work)
    try:
        for javascript in (True, False):
            flow(base, args.artifacts, javascript)
    finally:
        process.terminate()
        process.wait(timeout=30)
        log = open(os.path.join(work, "service.log")).read()
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print("service output:\n" + log[-4000:])
        print("%d failures" % len(failures))
        return 1
    print("passed; screenshots in " + args.artifacts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
