"""A payer at a browser without JavaScript, for the payment tests: opens a hosted payment
page, finds its form and submits it with the button whose label is given, and prints what
came back as one JSON object: {"page_status", "form_action", "status", "location"}.
Redirects are not followed.

Usage: /usr/bin/python3 pay_page.py URL LABEL      (LABEL: the button's text, e.g. Pay)

Standard library only (run with Debian's /usr/bin/python3).
"""
import http.client
import json
import sys
import urllib.parse
from html.parser import HTMLParser


class FormReader(HTMLParser):
    """The first POST form of a page: its action, its fields and its buttons (label -> name, value)."""

    def __init__(self):
        super().__init__()
        self.action, self.fields, self.buttons = None, [], {}
        self.in_form, self.button, self.label = False, None, ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and self.action is None and (a.get("method") or "").lower() == "post":
            self.in_form, self.action = True, a.get("action") or ""
        elif self.in_form and tag == "input" and a.get("name") and a.get("type") != "submit":
            self.fields.append((a["name"], a.get("value") or ""))
        elif self.in_form and tag == "button":
            self.button, self.label = (a.get("name"), a.get("value") or ""), ""

    def handle_data(self, data):
        if self.button is not None:
            self.label += data

    def handle_endtag(self, tag):
        if tag == "button" and self.button is not None:
            self.buttons[self.label.strip()] = self.button
            self.button = None
        elif tag == "form":
            self.in_form = False


def exchange(method, url, body=None, headers=None):
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=20)
    connection.request(method, parts.path + (f"?{parts.query}" if parts.query else ""), body, headers or {})
    response = connection.getresponse()
    text = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, response.getheader("Location"), text


def main():
    url, label = sys.argv[1], sys.argv[2]
    page_status, _, page = exchange("GET", url)
    form = FormReader()
    form.feed(page)
    result = {"page_status": page_status, "form_action": form.action, "status": None, "location": None}
    if form.action is not None and label in form.buttons:
        fields = list(form.fields)
        name, value = form.buttons[label]
        if name:
            fields.append((name, value))
        status, location, _ = exchange("POST", urllib.parse.urljoin(url, form.action), urllib.parse.urlencode(fields),
                                       {"Content-Type": "application/x-www-form-urlencoded"})
        result.update(status=status, location=location)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
