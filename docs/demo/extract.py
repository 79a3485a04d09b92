#!/usr/bin/env python3
"""A case-system extract for the demo (./dev.sh run): N children's cases of one municipality with realistic
timelines, measures from the tilbudsvifte (measures.csv) at about their yearly price, teams, caseworker initials (the
import turns them into pseudonyms), birth years and open/closed status. Deterministic per municipality, dated back
from today. No real people: no CPR numbers, no names. Usage: extract.py <municipality code> <cases> [wave] > extract.csv

A later wave (1, 2, ...) is a follow-up extract after the review: 15 new cases each, whose børnefaglige undersøgelser
are finished on time more often as the action plan takes hold, so an indicator bound to that rule has a curve."""
import csv
import datetime as dt
import random
import sys

code, n = sys.argv[1], int(sys.argv[2])
wave = int(sys.argv[3]) if len(sys.argv) > 3 else 0
rnd = random.Random(int(code) if wave == 0 else int(code) * 10 + wave)
today = dt.date.today()
measures = list(csv.DictReader(open(__file__.rsplit("/", 1)[0] + "/measures.csv", encoding="utf-8"), delimiter=";"))
by_type = {"anbringelse": [m for m in measures if m["type"] == "anbringelse"],
           "forebyggende": [m for m in measures if m["type"] == "forebyggende"]}
teams = ["Team Nord", "Team Syd", "Team Vest"]
caseworkers = {t: [f"{t[5]}{chr(65 + i)}{rnd.randint(1, 9)}" for i in range(4)] for t in teams}
types = ["forebyggende"] * 9 + ["anbringelse"] * 6 + ["underretning"] * 3 + ["handicap"] * 1 + ["efterværn"] * 1

out = csv.writer(sys.stdout, delimiter=";", lineterminator="\n")
out.writerow(["sagsnummer", "sagstype", "fødselsår", "team", "rådgiver", "status", "hændelse", "dato", "tidspunkt",
              "tilbud", "paragraf_barnets_lov", "paragraf_serviceloven", "årlig_udgift", "uden_samtykke", "note"])
first = 1 if wave == 0 else n + 1 + (wave - 1) * 15
for i in range(first, first + (n if wave == 0 else 15)):
    kind = rnd.choice(types)
    born = rnd.randint(2006, 2022)
    team = rnd.choice(teams)
    who = rnd.choice(caseworkers[team])
    start = today - dt.timedelta(days=rnd.randint(30, 900))
    closed = rnd.random() < 0.15
    rows = []

    def event(what, day, time="", measure="", cost="", consent=""):
        if day <= today:
            rows.append([what, day.isoformat(), time, measure, "", "", cost, consent, ""])

    event("underretning_modtaget", start, f"{rnd.randint(8, 15):02d}:{rnd.choice(['00', '15', '30', '45'])}")
    # Most notifications are assessed within 24 hours; some are not.
    event("underretning_vurderet", start + dt.timedelta(days=rnd.choice([0, 0, 0, 1, 1, 3])), "10:00")
    if kind != "underretning":
        bfu = start + dt.timedelta(days=rnd.randint(5, 20))
        event("bfu_startet", bfu)
        # 4 months is the rule; some take longer (fewer in each later wave)
        done = bfu + dt.timedelta(days=rnd.randint(60, 150 - 25 * wave))
        if rnd.random() < 0.8:  # the child's views are not always heard before the decision
            event("boernesamtale", done - dt.timedelta(days=rnd.randint(5, 30)))
        event("bfu_afsluttet", done)
        event("afgoerelse", done + dt.timedelta(days=5))
        event("plan", done + dt.timedelta(days=rnd.choice([3, 10, 40, 120])))
        options = by_type["anbringelse" if kind == "anbringelse" else "forebyggende"]
        m = rnd.choice(options)
        began = done + dt.timedelta(days=7)
        # About the catalogue's price: blank (the catalogue fills it in) or the case's own, within -15 %..+25 %.
        cost = "" if rnd.random() < 0.4 else str(round(int(m["price"]) * rnd.uniform(0.85, 1.25), -3))[:-2]
        event("foranstaltning_startet", began, measure=m["name"], cost=cost,
              consent="ja" if kind == "anbringelse" and rnd.random() < 0.2 else "")
        for k in range(1, 5):
            event("opfoelgning", began + dt.timedelta(days=rnd.randint(70, 100) + 180 * (k - 1)))
        if closed:
            ended = began + dt.timedelta(days=rnd.randint(100, 400))
            event("foranstaltning_afsluttet", ended, measure=m["name"])
            event("sag_lukket", ended + dt.timedelta(days=2))
    elif closed:
        event("sag_lukket", start + dt.timedelta(days=30))
    status = "lukket" if closed and any(r[0] == "sag_lukket" for r in rows) else "åben"
    for r in rows:
        out.writerow([f"{start.year}-{i:05d}", kind, born, team, who, status] + r)
