#!/usr/bin/env python3
"""Writes cpr-spellings.txt and cpr-lookalikes.txt beside this file (deterministic: fixed seed).

Run by hand after changing it (python3 generate_corpus.py); the tests read the committed text files only.
Every number is synthetic: drawn at random from valid dates, with no names attached.
"""
import calendar
import os
import random

R = random.Random(20261205)
HERE = os.path.dirname(os.path.abspath(__file__))


def century(yy, seventh):
    if seventh <= 3:
        return 1900
    if seventh in (4, 9):
        return 2000 if yy <= 36 else 1900
    return 2000 if yy <= 57 else 1800


def valid(dd, mm, yy, seventh):
    year = century(yy, seventh) + yy
    return 1 <= mm <= 12 and 1 <= dd <= calendar.monthrange(year, mm)[1]


def number():
    """A valid CPR number as (DD, MM, YY, SSSS) strings."""
    seventh = R.randrange(10)
    yy = R.randrange(100)
    mm = R.randint(1, 12)
    dd = R.randint(1, calendar.monthrange(century(yy, seventh) + yy, mm)[1])
    return f"{dd:02d}", f"{mm:02d}", f"{yy:02d}", f"{seventh}{R.randrange(1000):03d}"


def leap_day():
    seventh = R.choice([0, 1, 2, 3])
    yy = R.choice([y for y in range(4, 100, 4)])
    return "29", "02", f"{yy:02d}", f"{seventh}{R.randrange(1000):03d}"


# ---- spellings -------------------------------------------------------------------------------------------------

ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
DASHES = ["\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\uff0d", "\ufe63"]
SPACES = ["\u00a0", "\u202f", "\u2007", "\u2009", "\u3000"]
DIGIT_ZEROS = {
    "full-width": 0xFF10, "arabic-indic": 0x0660, "persian": 0x06F0, "devanagari": 0x0966,
    "bengali": 0x09E6, "thai": 0x0E50, "math-bold": 0x1D7CE,
}


def digits(s, zero):
    return "".join(chr(zero + int(c)) if c.isdigit() else c for c in s)


def zw(s, k):
    """k invisible characters at random places inside s (not at the ends)."""
    s = list(s)
    for _ in range(k):
        s.insert(R.randint(1, len(s) - 1), R.choice(ZERO_WIDTH))
    return "".join(s)


def spelled(n):
    dd, mm, yy, ss = n
    kind = R.randrange(34)
    if kind == 0: return dd + mm + yy + ss
    if kind == 1: return dd + mm + yy + "-" + ss
    if kind == 2: return dd + mm + yy + " " + ss
    if kind == 3: return dd + mm + yy + R.choice(SPACES) + ss
    if kind == 4: return dd + mm + yy + R.choice([" - ", " -", "- "]) + ss
    if kind == 5: return f"{dd}.{mm}.{yy}-{ss}"
    if kind == 6: return f"{dd}.{mm}.{yy} {ss}"
    if kind == 7: return f"{dd} {mm} {yy}-{ss}"
    if kind == 8: return f"{dd} {mm} {yy} {ss}"
    if kind == 9: return f"{dd}{mm}{yy}/{ss}"
    if kind == 10: return f"{dd}-{mm}-{yy}-{ss}"
    if kind == 11: return f"{dd}/{mm}/{yy}-{ss}"
    if kind == 12: return dd + mm + yy + R.choice(DASHES) + ss
    if kind == 13: return f"{dd}.{mm}.{yy}{R.choice(DASHES)}{ss}"
    if kind == 14: return digits(dd + mm + yy + ss, DIGIT_ZEROS["full-width"])
    if kind == 15: return digits(dd + mm + yy, 0xFF10) + "\uff0d" + digits(ss, 0xFF10)
    if kind == 16: return digits(dd + mm + yy + "-" + ss, DIGIT_ZEROS[R.choice(list(DIGIT_ZEROS))])
    if kind == 17:  # mixed: some full-width digits among ASCII ones (IME switched half-way)
        s = dd + mm + yy + "-" + ss
        return "".join(chr(0xFF10 + int(c)) if c.isdigit() and R.random() < 0.4 else c for c in s)
    if kind == 18: return zw(dd + mm + yy + ss, 1)
    if kind == 19: return zw(dd + mm + yy + "-" + ss, R.randint(1, 3))
    if kind == 20: return dd + mm + yy + "\u00ad" + ss
    if kind == 21: return dd + mm + yy + "\u200b-\u200b" + ss
    if kind == 22: return "\u200e" + dd + mm + yy + "\u200f-" + ss
    if kind == 23: return dd + mm + yy + "  " + ss
    if kind == 24: return dd + mm + yy + "\t" + ss
    if kind == 25: return f"{dd}.{mm}.{yy} - {ss}"
    if kind == 26: return f"{dd}/{mm}/{yy} {ss}"
    if kind == 27: return f"{dd}.{mm}.{yy}.{ss}"
    if kind == 28: return f"{dd}.{mm}.{yy}{ss}"
    if kind == 29: return f"{dd}-{mm}-{yy} {ss}"
    if kind == 30: return f"{dd}.{mm}.{yy}\u00a0{ss}"
    if kind == 31: return digits(f"{dd} {mm} {yy}-{ss}", 0xFF10)
    if kind == 32: return f"{dd}\u2009{mm}\u2009{yy}\u2013{ss}"
    return zw(f"{dd}.{mm}.{yy}-{ss}", 1)


SENTENCES = [
    "{}",
    "{}",
    "{}",
    "Barnets cpr er {}.",
    "CPR-nr.: {}",
    "CPR-nummer: {}",
    "cpr.nr. {}",
    "Cpr nr {} (fulde navn udeladt)",
    "CPR:{}",
    "cpr={}",
    "cpr_{}",
    "Personnummer: {}, adresse ukendt.",
    "Mor (cpr {}) deltog i mødet.",
    "Far, {}, var ikke til stede.",
    "({})",
    "[{}]",
    "\"{}\"",
    "»{}«",
    "„{}“",
    "'{}'",
    "{}.",
    "{},",
    "{};",
    "{}!",
    "{}?",
    ".{}.",
    "-{}-",
    ":{}",
    "Nr.{}",
    "Sagen omhandler Ahmed, {}, der bor hos plejefamilie.",
    "Hej, mit barns personnummer er {} – kan I hjælpe?",
    "Underretning 12.03.2019 om pigen {}; mor tlf. 12 34 56 78.",
    "Se journal 27.24.04-G01-1-18 for barnet {}.",
    "Udbetalt 1.250,00 kr. til plejemor {} den 01.02.2020.",
    "Notat:\nBarnets cpr er {}\nMor er orienteret.",
    "Drengen ({}) er anbragt på opholdssted siden 2019-08-01.",
    "CPR NR. {}",
    "Vedr. {}: bevilling forlænget til 31.12.2021.",
    "Klager: {} (far)",
    "Indberettet af skolen, elev {}",
    "Barnet er født 2012 og har cpr {} ifølge mor.",
    "{} Jens Jensen",
    "Navn og cpr: ******* {}",
    "Søster har cpr {} og bor hos mormor.",
    "https://borger.example.dk/opslag?cpr={}",
    "Referat: cpr.: {}, sagsnr. SAG-2020-0001234",
    "Tlf. 20 12 34 56 – cpr {}",
    "CPR-nr:\t{}",
    "Pigens CPR er {}, hun er 14 år.",
    "Underretningen (modtaget kl. 10:30) vedrører {}.",
    "Beløb 125.000 kr. udbetalt til {} i 2019.",
]


def spellings():
    lines = []
    for _ in range(300):
        lines.append(R.choice(SENTENCES).format(spelled(number())))
    for _ in range(8):
        lines.append(R.choice(SENTENCES).format(spelled(leap_day())))
    for _ in range(12):  # two people in one text, only the second one counts if the first is missed
        a, b = spelled(number()), spelled(number())
        lines.append(R.choice([
            "Barn 1 - {}, Barn 2 - {}",
            "Søskende: {} og {}",
            "Mor {} / far {}",
            "{}\n{}",
        ]).format(a, b))
    # Reg. no. and an account number that is a CPR number: accounts have been numbered by the owner's CPR number.
    for _ in range(4):
        dd, mm, yy, ss = number()
        lines.append(R.choice([
            "Reg.nr. {} kontonr. {}",
            "Konto: {} {}",
            "Udbetales til {} {}",
        ]).format(R.randint(1000, 9999), dd + mm + yy + ss))
    return lines


# ---- look-alikes -----------------------------------------------------------------------------------------------

def phone():
    return f"{R.randint(2, 9)}{R.randrange(10_000_000):07d}"


def pairs(s):
    return " ".join(s[i:i + 2] for i in range(0, len(s), 2))


def phones():
    out = []
    for _ in range(45):
        p = phone()
        form = R.choice([p, pairs(p), "+45 " + p, "+45 " + pairs(p), "+45" + p, "0045 " + p,
                         p[:4] + " " + p[4:], "(+45) " + p[:4] + " " + p[4:], "+45-" + p,
                         digits(pairs(p), 0xFF10)])
        out.append(R.choice([
            "Ring på {}", "Tlf. {}", "Mobil: {}", "Mor kan træffes på {} efter kl. 15.",
            "Kontakt: {} eller {}", "{}", "tlf {} / {}", "Skolen: {}, SFO: {}",
        ]).replace("{}", form, 1).replace("{}", pairs(phone()), 1))
    return out


def date(with_year4=True):
    y = R.randint(1950, 2026)
    m = R.randint(1, 12)
    d = R.randint(1, calendar.monthrange(y, m)[1])
    return d, m, y


MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december"]


def dates():
    out = []
    for _ in range(55):
        d, m, y = date()
        d2, m2, y2 = date()
        form = R.choice([
            f"{d:02d}.{m:02d}.{y}", f"{d:02d}-{m:02d}-{y}", f"{y}-{m:02d}-{d:02d}", f"{d}. {MONTHS[m - 1]} {y}",
            f"{d:02d}/{m:02d}/{y}", f"{d:02d}.{m:02d}.{y % 100:02d}", f"{d}/{m}-{y}",
            f"{d:02d}.{m:02d}.{y % 100:02d}-{d2:02d}.{m2:02d}.{y2 % 100:02d}",
            f"{d:02d}{m:02d}{y % 100:02d}-{d2:02d}{m2:02d}{y2 % 100:02d}",
            f"{d:02d}.{m:02d}.{y} - {d2:02d}.{m2:02d}.{y2}", f"{y}{m:02d}{d:02d}",
            f"{y}-{m:02d}-{d:02d} – {y2}-{m2:02d}-{d2:02d}", f"{d:02d}.{m:02d}.{y} kl. {R.randint(7, 20)}.{R.choice(['00', '15', '30', '45'])}",
            f"{d:02d}.{m:02d}.{y % 100:02d} kl. {R.randint(7, 20):02d}{R.choice(['00', '15', '30', '45'])}",
            digits(f"{d:02d}.{m:02d}.{y}", 0xFF10), digits(f"{d:02d}-{m:02d}-{y}", 0x0660),
            f"uge {R.randint(1, 52)} {y}", f"{d:02d}.{m:02d}.{y}\u200b",
        ])
        out.append(R.choice([
            "Mødet er {}", "Underretning modtaget {}", "Født {}", "Perioden {} blev gennemgået.",
            "Anbragt fra {}", "{}", "Børnesamtale afholdt {} på skolen.", "Bevilling gælder til {}.",
            "Næste opfølgning: {}", "Handleplan revideret {}, se bilag.",
        ]).format(form))
    return out


def timestamps():
    out = []
    for _ in range(25):
        d, m, y = date()
        hh, mi, se = R.randint(0, 23), R.randint(0, 59), R.randint(0, 59)
        out.append(R.choice([
            f"{y}-{m:02d}-{d:02d} {hh:02d}:{mi:02d}", f"{y}-{m:02d}-{d:02d}T{hh:02d}:{mi:02d}:{se:02d}Z",
            f"{y}-{m:02d}-{d:02d} {hh:02d}:{mi:02d}:{se:02d}.{R.randrange(1000):03d}",
            f"{y}{m:02d}{d:02d}{hh:02d}{mi:02d}{se:02d}", f"{d:02d}-{m:02d}-{y} {hh:02d}:{mi:02d}",
            f"{d:02d}.{m:02d}.{y} {hh:02d}.{mi:02d}.{se:02d}", f"{y}-{m:02d}-{d:02d}T{hh:02d}:{mi:02d}:{se:02d}+01:00",
            f"Logget {d:02d}.{m:02d}.{y % 100:02d} {hh:02d}:{mi:02d}",
        ]))
    return out


def amount():
    n = R.randint(1000, 9_999_999)
    s = f"{n:,}".replace(",", ".")
    return R.choice([
        f"{s},{R.randrange(100):02d}", f"{s} kr.", f"kr. {s},00", f"{n},-", f"DKK {s}", f"{s} kroner",
        f"{n} kr.", f"{n} kr", f"{n} DKK", f"{n},{R.randrange(100):02d} kr.", f"{s}\u00a0kr.",
        f"EUR {s},{R.randrange(100):02d}", f"{n} EUR",
    ])


def amounts():
    out = []
    for _ in range(40):
        d, m, y = date()
        out.append(R.choice([
            "Udgift {}", "Beløb: {}", "Bevilget {} til aflastning.", "Faktura {d} {}",
            "Merudgift {} pr. måned fra {d}", "{}", "Plejevederlag {} (hertil skattefri del {})",
            "Samlet udgift i {y}: {}", "Den {d} udbetalt {}",
        ]).replace("{d}", f"{d:02d}.{m:02d}.{y % 100:02d}").replace("{y}", str(y))
                   .replace("{}", amount(), 1).replace("{}", amount(), 1))
    # Ten digits that would be a valid number on their own, joined to an amount.
    for _ in range(6):
        dd, mm, yy, ss = number()
        t = dd + mm + yy + ss
        out.append(R.choice([f"Udgift {t},50 kr. i alt", f"Beløb 1.{t} kr.", f"Saldo {t},00"]))
    # A date with two-digit year, then a four-digit amount without thousands separator.
    for _ in range(12):
        d, m, y = date()
        out.append(R.choice([
            "Faktura {d} {n} kr.", "Den {d} udbetalt {n} kr", "Tandlæge {d} {n},-", "{d} {n} DKK",
            "Udlæg {d} {n} kroner", "Regning {d} {n}kr.",
        ]).replace("{d}", f"{d:02d}.{m:02d}.{y % 100:02d}").replace("{n}", str(R.randint(1000, 9999))))
    return out


def journal():
    out = []
    for _ in range(40):
        kle = f"{R.randint(0, 85):02d}.{R.randint(0, 40):02d}.{R.randint(0, 20):02d}"
        facet = R.choice("GPAKØ") + f"{R.randint(0, 99):02d}"
        form = R.choice([
            f"{kle}-{facet}-{R.randint(1, 40)}-{R.randint(10, 26)}", f"{kle}-{facet}", f"{kle}{facet}",
            f"{kle} {facet}", kle, f"{kle}-{facet}-{R.randint(1, 40)}-{R.randint(2010, 2026)}",
            f"J.nr. {R.randint(2010, 2026)}-{R.randint(1, 99999)}", f"j.nr. {R.randint(10, 26)}/{R.randint(100, 99999)}",
        ])
        out.append(R.choice([
            "Journalnummer {}", "Sag {}", "KLE {}", "J.nr.: {}", "{}", "Journaliseret på {}.",
            "Se dokument 3 på {}", "Emne {} (Børn og unge)",
        ]).format(form))
    out += ["Journalnummer 27.24.04-G01-1-18", "Sag 27.24.04-P20-1-19", "15.05.02-G01-12-19",
            "29.03.10-P20-3-20", "12.01.19-G01-1-19", "01.02.03-A00-1-20"]
    return out


def cases():
    out = []
    for _ in range(32):
        y = R.randint(2010, 2026)
        form = R.choice([
            f"{y}-{R.randint(100000, 999999)}", f"SAG-{y}-{R.randint(0, 9999999):07d}", f"{y}/{R.randint(100000, 999999)}",
            f"{y % 100}-{R.randint(1000000, 9999999)}", f"DUBU {y}-{R.randint(0, 9999999):07d}",
            f"{y}-{R.randint(10, 99)}-{R.randint(1000, 9999)}", f"BS-{R.randint(1000, 99999)}/{y}",
            f"{R.randint(1000, 9999)}-{R.randint(10000, 99999)}-{R.randint(10000, 99999)}-{y % 100}",
            f"SAG-{y}-{R.randint(0, 9999999):07d}-{R.randint(1, 9)}",
        ])
        out.append(R.choice([
            "Sagsnummer {}", "Sagsnr. {}", "Vores sag {}", "Ankestyrelsens j.nr. {}", "{}", "Ref.: {}",
            "Politiets journalnr. {}", "Jf. afgørelse i sag {}.",
        ]).format(form))
    return out


def longer_numbers():
    out = []
    for _ in range(34):
        dd, mm, yy, ss = number()
        t = dd + mm + yy + ss
        form = R.choice([
            str(R.randint(1, 9)) + t, t + str(R.randint(0, 9)), str(R.randint(10, 999)) + t + str(R.randint(0, 99)),
            f"{R.randint(1, 9)}.{t}", f"{t}.{R.randint(1, 99)}", f"{R.randint(2010, 2026)}-{t}",
            f"{t}-{R.randint(1, 99)}", f"{R.randint(1, 99)}/{t}", f"{t}/{R.randint(2010, 2026)}",
            f"{dd}{mm}{yy}-{ss}{R.randint(0, 9)}", f"{R.randint(0, 9)}{dd}{mm}{yy}-{ss}",
            f"{dd}{mm}{yy}-{ss}-{R.randint(1, 99)}", f"{R.randint(1, 9)}-{dd}{mm}{yy}-{ss}",
            digits(str(R.randint(1, 9)) + t, 0xFF10), str(R.randint(1, 9)) + "\u200b" + t,
        ])
        out.append(R.choice([
            "Sagsnummer {} i DUBU (elleve cifre)", "EAN {}", "Stregkode {}", "Løbenummer {}", "Ref. {}",
            "{}", "Dokument-id {}", "Ordrenr. {}", "Forsendelse {}",
        ]).format(form))
    return out


def account():
    # Realistic: left-padded with zeros, or a first group that is no day of a month (as in most 10-digit accounts).
    while True:
        a = R.choice([f"{R.randrange(10 ** R.randint(6, 8)):010d}", f"{R.randint(3200000000, 9999999999)}",
                      f"{R.randrange(10 ** 8):08d}", f"{R.randrange(10 ** 7)}"])
        if len(a) != 10 or not valid(int(a[:2]), int(a[2:4]), int(a[4:6]), int(a[6])):
            return a


def accounts():
    out = []
    for _ in range(30):
        reg = f"{R.randint(1000, 9999)}"
        a = account()
        iban_acc = f"{reg}{a:0>10}"
        iban = f"DK{R.randint(10, 99)}{iban_acc}"
        form = R.choice([
            f"{reg} {a}", f"{reg}-{a}", f"reg.nr. {reg} kontonr. {a}", iban,
            " ".join(iban[i:i + 4] for i in range(0, len(iban), 4)), f"Reg. {reg}, konto {a}",
            f"{reg} {a[:4]} {a[4:]}" if len(a) > 4 else f"{reg} {a}",
        ])
        out.append(R.choice([
            "Udbetales til {}", "Konto: {}", "NemKonto {}", "IBAN {}", "{}", "Plejefamiliens konto {}",
        ]).format(form))
    return out


def isbns():
    out = []
    for _ in range(20):
        p = R.randint(2, 5)  # Danish publisher codes have 2 to 5 digits, the title fills the rest of the 7
        pub = "".join(str(R.randrange(10)) for _ in range(p))
        title = "".join(str(R.randrange(10)) for _ in range(7 - p))
        body9 = "87" + pub + title
        c10 = (11 - sum((10 - i) * int(c) for i, c in enumerate(body9)) % 11) % 11
        isbn10 = body9 + ("X" if c10 == 10 else str(c10))
        body12 = "978" + body9
        isbn13 = body12 + str((10 - sum((3 if i % 2 else 1) * int(c) for i, c in enumerate(body12)) % 10) % 10)
        form = R.choice([
            f"ISBN {isbn13}", f"ISBN 978-87-{pub}-{title}-{isbn13[-1]}", f"ISBN {isbn10}",
            f"ISBN 87-{pub}-{title}-{isbn10[-1]}", f"ISBN 978 87 {pub} {title} {isbn13[-1]}", f"ISBN-13: {isbn13}",
            f"ISBN-10: {isbn10}", f"ISBN 978-87-{pub}{title}-{isbn13[-1]}",
        ])
        out.append(R.choice(["{}", "Bogen (\u00bb{}\u00ab) er brugt i forløbet.", "Materiale: {}", "Lit.: {}"])
                   .format(form))
    return out


def invalid_dates():
    out = []
    fixed = [("32", "01", "90", "1234"), ("31", "11", "90", "1234"), ("31", "04", "90", "1234"),
             ("29", "02", "97", "1234"), ("29", "02", "00", "1234"), ("00", "12", "90", "1234"),
             ("01", "13", "90", "1234"), ("01", "00", "90", "1234"), ("30", "02", "12", "4321"),
             ("31", "06", "05", "4321"), ("31", "09", "88", "0123"), ("45", "12", "05", "4321")]
    gen = []
    while len(gen) < 40:
        dd, mm, yy, ss = f"{R.randint(0, 39):02d}", f"{R.randint(0, 19):02d}", f"{R.randrange(100):02d}", f"{R.randrange(10000):04d}"
        if not valid(int(dd), int(mm), int(yy), int(ss[0])):
            gen.append((dd, mm, yy, ss))
    for n in fixed + gen:
        out.append(R.choice([
            "{}", "Barnets cpr er {}.", "CPR-nr.: {}", "Nr. {}", "({})", "Fejlindtastet: {}",
        ]).format(spelled(n)))
    return out


def near_misses():
    out = []
    for _ in range(22):
        dd, mm, yy, ss = number()
        out.append(R.choice([
            f"{dd}{mm}{yy}-{ss[:3]}", f"{dd}{mm}{yy}-{ss}{R.randint(0, 9)}", f"{dd}{mm}{yy}-{ss[:2]}A{ss[3]}",
            f"{dd}{mm}{yy}-XXXX", f"xxxxxx-{ss}", "DDMMÅÅ-SSSS", f"{dd}{mm}{yy}", f"{dd}.{mm}.{yy}",
            f"{dd}{mm}{yy}-{ss[:3]}\u200b", f"{dd}{mm}{yy[0]}", f"{mm}{yy}-{ss}",
        ]))
    return out


PROSE = [
    "Mødet d. 24.12.2019 kl. 10.00 kostede 12.500 kr. i alt.",
    "Familien modtog 3.450,75 kr. den 01.03.2020 og igen 15.04.2020.",
    "Bevillingen på 125.000 kr. løber fra 01-01-2019 til 31-12-2019.",
    "Plejefamilien får 14.250 kr. om måneden fra 1. august 2021.",
    "Anbringelsen kostede 1.234.567,50 kr. i perioden 2018-2020.",
    "Barnet kom i pleje 12.05.2016, 6 år gammel, og flyttede 2019-08-15.",
    "Samtale 03.02.21 kl. 13.30-14.15 med mor og barn.",
    "Fra uge 34 2020 til uge 12 2021 var der 18 samtaler á 45 min.",
    "Underretningerne kom 04.01.2018, 17.09.2018 og 22.11.2019.",
    "Økonomien: 2.500.000 kr. budget, 2.312.450 kr. forbrug (92,5 %).",
    "Sagen blev oprettet 2017-03-01 og lukket 2021-06-30 efter 1.582 dage.",
    "Moderen har ringet 12 gange fra 87 65 43 21 siden 01.10.2020.",
    "Tilbud 14 (aflastning) 2 weekender pr. md., 4.800 kr. pr. weekend.",
    "Skoleskift 2018/2019, 7. klasse, fravær 23 %.",
    "Opholdsstedet fakturerer 52.300,00 kr. for marts 2022.",
    "Lønnen 28.350 kr. udbetales den sidste hverdag, seneste 29.04.2022.",
    "Tidsplan: 01.09.2021–30.11.2021, 12 møder, 24.000 kr.",
    "Version 2.1.0 af handleplanen er fra 10.10.2020.",
    "IP 192.168.10.123 loggede ind 2020-01-01 10:30.",
    "Postnr. 2300 København S, tlf. 33 12 34 56.",
    "Barnet vejer 32,5 kg og er 142 cm (målt 12.05.2021).",
    "Mødet flyttet fra 12.03.19 kl. 14.00 til 14.03.19 kl. 09.30.",
    "Faktura nr. 2019-1234 på 12.345,00 kr. betalt 15.02.2019.",
    "Udgifterne 2019: 125.000 kr., 2020: 137.500 kr., 2021: 142.300 kr.",
    "Flyttet pr. 01.03.19 til 2300 København S.",
    "Afgørelse 12.01.19, klagefrist 4 uger, sag 2019-123456.",
    "Opfølgning hver 3. måned; næste gang 01.06.2022 kl. 10:00.",
    "CVR 12345678, EAN 5798000123456, P-nr. udeladt.",
    "Kontakt 20 12 34 56 eller 33 44 55 66, hverdage 9-15.",
    "Beløbet på kr. 1.000.000,- blev bevilget 01.01.2020.",
    # Known look-alikes that are flagged (a date with two-digit year, then four digits; a P-number that reads as a
    # CPR number): kept here so that the false-positive rate counts them.
    "Ny adresse pr. 01.03.19 2300 København S.",
    "Møde 12.03.19 1400 i lokale 2.",
    "Skolens P-nr. 1003388394",
]


def lookalikes():
    return (phones() + dates() + timestamps() + amounts() + journal() + cases() + longer_numbers() + accounts()
            + isbns() + invalid_dates() + near_misses() + PROSE)


def write(name, header, lines):
    for line in lines:
        assert line and not line.startswith("#") and line == line.strip(" "), line
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as f:
        f.write(header)
        for line in lines:
            f.write(line.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t") + "\n")


HEADER = ("# {}\n"
          "# Synthetic, written by generate_corpus.py (fixed seed): do not edit by hand. One text per line; lines\n"
          "# starting with '#' are comments. Escapes: \\n (line break), \\t (tab), \\\\ (backslash); every other\n"
          "# character is itself, also the invisible ones (zero-width, soft hyphen, no-break spaces).\n")

if __name__ == "__main__":
    write("cpr-spellings.txt", HEADER.format("Each line holds a CPR number (a valid date) and must be flagged."),
          spellings())
    write("cpr-lookalikes.txt", HEADER.format("No line holds a CPR number; none may be flagged."), lookalikes())
