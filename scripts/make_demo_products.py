"""Write bot/demo/products.csv: the demo shop's products, from the product lines below.

    .venv/bin/python scripts/make_demo_products.py

The CSV is committed; this script is how it was made, so a change to a product line is
a reviewable diff here and a regenerated file there. Sizes, ratings and prices follow
real products of the brands named (UK high-street and trade-counter prices, late 2026).
Ratings are the makers' recommended working loads (a safety factor already in them): a
plug's per plug in the base it is made for, a hook's per hook, a bracket's per bracket,
a TV bracket's or cleat's for the whole thing. Where a maker gives a range, the lower
figure is used.

`bot knowledge check --demo` builds every bundle from this file and reports the products
no bundle reaches.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path
from typing import Callable, Dict, Iterable, Iterator, List, Tuple

OUT = Path(__file__).resolve().parent.parent / "bot" / "demo" / "products.csv"
COLUMNS = ["sku", "name", "brand", "department", "category", "price", "stock", "aisle",
           "attributes"]
rng = random.Random(2026)
Row = Dict[str, str]
# Deliberately out of stock, so that bundles name substitutes (the cheapest that fits).
OUT_OF_STOCK = {"RP-RED-24", "BD-TRAILBACK", "HI-PIN-10-4", "BOS-MAS-6", "CRN-BATH-25",
                "TIM-CS-4_5x50-20", "DRA-DET-3IN1"}


# Sold by the pack for a whole room: a shop keeps more of them.
BULK = {"flooring", "underlay", "wallpaper", "paint", "beading"}


def row(sku: str, name: str, brand: str, department: str, category: str, price: float,
        aisle: str, **attributes: object) -> Row:
    sku = sku.replace(".", "_")
    stock = 0 if sku in OUT_OF_STOCK else rng.choice([6, 9, 12, 18, 24, 31, 40, 55])
    if category in BULK and stock:
        stock *= 4
    attrs = ";".join(f"{k}={_fmt(v)}" for k, v in attributes.items())
    return {"sku": sku, "name": name, "brand": brand, "department": department,
            "category": category, "price": f"{price:.2f}", "stock": str(stock), "aisle": aisle,
            "attributes": attrs}


def _fmt(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def mm(x: float) -> str:
    return f"{x:g}"


def in_department(department: str) -> Callable[..., Row]:
    """A row maker for one department: (sku, name, brand, category, price, aisle, **attributes)."""
    def make(sku: str, name: str, brand: str, category: str, price: float, aisle: str,
             **attributes: object) -> Row:
        return row(sku, name, brand, department, category, price, aisle, **attributes)
    return make


def plain(maker: Callable[..., Row], category: str, aisle: str,
          rows: Iterable[Tuple[str, str, str, float]]) -> Iterator[Row]:
    """Products with no attributes the rules need: sku, name, brand, price."""
    for sku, name, brand, price in rows:
        yield maker(sku, name, brand, category, price, aisle)


hw = in_department("hardware")


# -- hardware: drilling ---------------------------------------------------------------------

MASONRY_LENGTHS = {4: 75, 5: 85, 5.5: 85, 6: 100, 7: 100, 8: 120, 10: 120, 12: 150, 14: 150,
                   16: 160}


def drill_bits() -> Iterator[Row]:
    for brand, code, factor in (("Bosch", "BOS", 1.0), ("DeWalt", "DEW", 1.2), ("Makita", "MAK", 1.1)):
        for size, length in MASONRY_LENGTHS.items():
            yield hw(f"{code}-MAS-{mm(size)}", f"{brand} {mm(size)} mm masonry drill bit",
                     brand, "drill_bit", (1.6 + 0.32 * size) * factor, "12",
                     material="masonry", diameter_mm=size, length_mm=length, shank="round")
    for size, length in ((6, 150), (8, 200), (10, 200)):  # long bits for frame fixings
        yield hw(f"BOS-MAS-{size}-{length}", f"Bosch {size} x {length} mm long masonry bit",
                 "Bosch", "drill_bit", 3.5 + 0.45 * size + length / 100, "12",
                 material="masonry", diameter_mm=size, length_mm=length, shank="round")
    for brand, code, factor in (("Bosch", "BOS", 1.0), ("DeWalt", "DEW", 1.15)):
        for size in (5, 5.5, 6, 7, 8, 10, 12, 14, 16):
            for length in (110, 160, 260):
                yield hw(f"{code}-SDS-{mm(size)}-{length}",
                         f"{brand} SDS-plus {mm(size)} x {length} mm masonry bit", brand,
                         "drill_bit", (2.4 + 0.42 * size + length / 80) * factor, "12",
                         material="masonry", diameter_mm=size, length_mm=length, shank="sds_plus")
        for size in (10, 12, 14, 16, 18, 20, 22, 25):
            for length in (450, 600):
                yield hw(f"{code}-SDS-{size}-{length}",
                         f"{brand} SDS-plus {size} x {length} mm installer bit", brand,
                         "drill_bit", (6.0 + 0.6 * size + length / 60) * factor, "12",
                         material="masonry", diameter_mm=size, length_mm=length, shank="sds_plus")
        for size in (8, 10, 12, 14, 16, 18, 20):
            for length in (400, 600):
                yield hw(f"{code}-INS-{size}-{length}",
                         f"{brand} {size} x {length} mm round-shank installer bit", brand,
                         "drill_bit", (6.5 + 0.5 * size + length / 100) * factor, "12",
                         material="masonry", diameter_mm=size, length_mm=length, shank="round")
    for brand, code, factor in (("Bosch", "BOS", 1.0), ("Irwin", "IRW", 0.9)):
        for size in (2, 2.5, 3, 3.5, 4, 5, 6, 8, 10, 12):
            yield hw(f"{code}-WD-{mm(size)}", f"{brand} {mm(size)} mm wood drill bit", brand,
                     "drill_bit", (1.1 + 0.28 * size) * factor, "12",
                     material="wood", diameter_mm=size, length_mm=int(50 + 8 * size), shank="round")
    for size in (8, 10, 12, 14, 16, 18, 20, 22, 25):
        for length in (300, 460):
            yield hw(f"IRW-AUG-{size}-{length}", f"Irwin {size} x {length} mm wood auger bit",
                     "Irwin", "drill_bit", 8 + 0.4 * size + length / 100, "12",
                     material="wood", diameter_mm=size, length_mm=length, shank="hex")
    for brand, code in (("Bosch", "BOS"), ("Dormer", "DOR")):
        for size in (2, 3, 3.5, 4, 5, 6, 8, 10, 12):
            yield hw(f"{code}-HSS-{mm(size)}", f"{brand} {mm(size)} mm HSS metal drill bit", brand,
                     "drill_bit", 1.5 + 0.45 * size, "12",
                     material="metal", diameter_mm=size, length_mm=int(50 + 9 * size), shank="round")
    for size in (4, 5, 6, 8, 10, 12):
        yield hw(f"BOS-MULTI-{size}", f"Bosch CYL-9 {size} mm multi-material drill bit",
                 "Bosch", "drill_bit", 3.2 + 0.55 * size, "12",
                 material="multi", diameter_mm=size, length_mm=int(85 + 6 * size), shank="round")
    for size in (8, 10, 12, 14, 16):
        yield hw(f"BOS-MULTI-{size}-400", f"Bosch CYL-9 {size} x 400 mm long multi-material bit",
                 "Bosch", "drill_bit", 11.5 + 0.7 * size, "12",
                 material="multi", diameter_mm=size, length_mm=400, shank="round")
    for size in (4, 5, 6, 7, 8, 10, 12):
        yield hw(f"BOS-TILE-{size}", f"Bosch {size} mm tile and glass drill bit", "Bosch",
                 "drill_bit", 3.9 + 0.5 * size, "12",
                 material="tile", diameter_mm=size, length_mm=int(70 + 5 * size), shank="hex")


def power_drills() -> Iterator[Row]:
    for sku, name, brand, price, hammer, sds in (
        ("BD-BDCDD12", "Black+Decker 12V drill driver with battery", "Black+Decker", 39.0, False, False),
        ("BOS-EASYDRILL", "Bosch EasyDrill 18V-40 drill driver with battery", "Bosch", 79.0, False, False),
        ("TIT-TTB571", "Titan TTB571DRL 600W corded hammer drill", "Titan", 29.99, True, False),
        ("ERB-EHD18", "Erbauer EHD18 18V combi drill with battery", "Erbauer", 69.99, True, False),
        ("EIN-TECD18", "Einhell TE-CD 18/40 Li-i combi drill with battery", "Einhell", 59.99, True, False),
        ("RYO-R18PD3", "Ryobi R18PD3 18V ONE+ combi drill with battery", "Ryobi", 79.0, True, False),
        ("MAK-HP457", "Makita HP457D 18V combi drill with batteries", "Makita", 99.0, True, False),
        ("BOS-PSB1800", "Bosch PSB 1800 LI-2 18V combi drill with battery", "Bosch", 109.0, True, False),
        ("DEW-DCD778", "DeWalt DCD778 18V combi drill with batteries", "DeWalt", 149.0, True, False),
        ("DEW-DWD024", "DeWalt DWD024 corded percussion drill", "DeWalt", 69.0, True, False),
        ("BOS-PBH2100", "Bosch PBH 2100 RE corded SDS-plus hammer drill", "Bosch", 84.0, True, True),
        ("MAK-HR2470", "Makita HR2470 corded SDS-plus rotary hammer", "Makita", 129.0, True, True),
    ):
        yield hw(sku, name, brand, "power_drill", price, "11", hammer=hammer, sds=sds)


# -- hardware: fixings ----------------------------------------------------------------------


def wall_plugs() -> Iterator[Row]:
    plugs = (  # sku, name, brand, base, hole, screw range, length, load per plug, pieces, price
        ("RP-YEL-24", "Rawlplug yellow 5 mm wall plugs, 24 pack", "Rawlplug", "solid", 5, 3.0, 4.0, 24, 8, 24, 1.29),
        ("RP-YEL-96", "Rawlplug yellow 5 mm wall plugs, 96 pack", "Rawlplug", "solid", 5, 3.0, 4.0, 24, 8, 96, 3.49),
        ("RP-RED-24", "Rawlplug red 6 mm wall plugs, 24 pack", "Rawlplug", "solid", 6, 3.5, 5.0, 30, 12, 24, 1.49),
        ("RP-RED-96", "Rawlplug red 6 mm wall plugs, 96 pack", "Rawlplug", "solid", 6, 3.5, 5.0, 30, 12, 96, 3.99),
        ("RP-BRN-24", "Rawlplug brown 7 mm wall plugs, 24 pack", "Rawlplug", "solid", 7, 4.5, 6.0, 35, 18, 24, 1.79),
        ("RP-BRN-80", "Rawlplug brown 7 mm wall plugs, 80 pack", "Rawlplug", "solid", 7, 4.5, 6.0, 35, 18, 80, 4.49),
        ("RP-BLU-20", "Rawlplug blue 10 mm wall plugs, 20 pack", "Rawlplug", "solid", 10, 6.0, 8.0, 50, 30, 20, 3.29),
        ("FIS-SX6-50", "Fischer SX 6 x 30 nylon plugs, 50 pack", "Fischer", "solid", 6, 3.5, 5.0, 30, 12, 50, 3.29),
        ("FIS-SX8-25", "Fischer SX 8 x 40 nylon plugs, 25 pack", "Fischer", "solid", 8, 4.5, 6.0, 40, 25, 25, 3.79),
        ("FIS-SX10-20", "Fischer SX 10 x 50 nylon plugs, 20 pack", "Fischer", "solid", 10, 6.0, 8.0, 50, 35, 20, 4.79),
        ("FIS-SX12-10", "Fischer SX 12 x 60 nylon plugs, 10 pack", "Fischer", "solid", 12, 8.0, 10.0, 60, 50, 10, 4.99),
        ("FIS-DP6-10", "Fischer DuoPower 6 x 30 plugs, 10 pack", "Fischer", "universal", 6, 3.5, 5.0, 30, 6, 10, 2.99),
        ("FIS-DP8-10", "Fischer DuoPower 8 x 40 plugs, 10 pack", "Fischer", "universal", 8, 4.5, 6.0, 40, 12, 10, 3.59),
        ("FIS-DP10-10", "Fischer DuoPower 10 x 50 plugs, 10 pack", "Fischer", "universal", 10, 6.0, 8.0, 50, 20, 10, 4.49),
        ("FIS-UX6-20", "Fischer UX 6 universal plugs, 20 pack", "Fischer", "universal", 6, 4.0, 5.0, 35, 5, 20, 3.49),
        ("FIS-UX8-20", "Fischer UX 8 universal plugs, 20 pack", "Fischer", "universal", 8, 4.5, 6.0, 50, 9, 20, 3.99),
        ("FIS-GB8-8", "Fischer GB 8 aircrete plugs, 8 pack", "Fischer", "aircrete", 8, 4.5, 6.0, 50, 12, 8, 4.49),
        ("FIS-GB10-6", "Fischer GB 10 aircrete plugs, 6 pack", "Fischer", "aircrete", 10, 6.0, 7.0, 55, 25, 6, 4.99),
        ("FIS-GB14-4", "Fischer GB 14 aircrete plugs, 4 pack", "Fischer", "aircrete", 14, 8.0, 10.0, 75, 35, 4, 5.79),
        ("RP-AIR-10", "Rawlplug aircrete plugs 10 mm, 10 pack", "Rawlplug", "aircrete", 10, 5.0, 6.0, 60, 15, 10, 4.29),
    )
    for sku, name, brand, base, hole, lo, hi, length, load, pieces, price in plugs:
        yield hw(sku, name, brand, "wall_plug", price, "13", material="nylon", base=base,
                 hole_mm=hole, diameter_mm=hole, screw_min_mm=lo, screw_max_mm=hi,
                 length_mm=length, load_kg=load, pieces=pieces)


def frame_fixings() -> Iterator[Row]:
    for sku, name, brand, hole, length, load, pieces, head, price in (
        ("FIS-SXRL8-80-CS", "Fischer SXRL 8 x 80 frame fixings, countersunk, 10 pack", "Fischer", 8, 80, 15, 10, "countersunk", 6.49),
        ("FIS-SXRL8-100-CS", "Fischer SXRL 8 x 100 frame fixings, countersunk, 10 pack", "Fischer", 8, 100, 15, 10, "countersunk", 6.99),
        ("FIS-SXRL10-80-CS", "Fischer SXRL 10 x 80 frame fixings, countersunk, 10 pack", "Fischer", 10, 80, 25, 10, "countersunk", 7.49),
        ("FIS-SXRL10-100-HEX", "Fischer SXRL 10 x 100 frame fixings, hex head, 10 pack", "Fischer", 10, 100, 35, 10, "hex", 8.99),
        ("FIS-SXRL10-120-HEX", "Fischer SXRL 10 x 120 frame fixings, hex head, 10 pack", "Fischer", 10, 120, 35, 10, "hex", 9.99),
        ("FIS-DX10-100-HEX", "Fischer DuoXpand 10 x 100 frame fixings, hex head, 4 pack", "Fischer", 10, 100, 40, 4, "hex", 7.99),
        ("RP-FF8-80", "Rawlplug 8 x 80 frame fixings, countersunk, 10 pack", "Rawlplug", 8, 80, 12, 10, "countersunk", 4.99),
        ("RP-FF10-100", "Rawlplug 10 x 100 frame fixings, countersunk, 10 pack", "Rawlplug", 10, 100, 20, 10, "countersunk", 5.99),
        ("RP-FF10-100-HEX", "Rawlplug 10 x 100 frame fixings, hex head, 6 pack", "Rawlplug", 10, 100, 30, 6, "hex", 6.49),
    ):
        extra = {"socket_mm": 13} if head == "hex" else {}
        yield hw(sku, name, brand, "frame_fixing", price, "13", base="universal", hole_mm=hole,
                 length_mm=length, load_kg=load, pieces=pieces, head=head, **extra)


def cavity_fixings() -> Iterator[Row]:
    for sku, name, brand, kind, hole, grip_min, grip_max, load, pieces, price in (
        ("RP-HWA-M4-38", "Rawlplug M4 x 38 hollow wall anchors (board 3-13 mm), 10 pack", "Rawlplug", "anchor", 8, 3, 13, 10, 10, 4.49),
        ("RP-HWA-M5-52", "Rawlplug M5 x 52 hollow wall anchors (board 3-16 mm), 10 pack", "Rawlplug", "anchor", 10, 3, 16, 14, 10, 5.49),
        ("RP-HWA-M5-65", "Rawlplug M5 x 65 hollow wall anchors (board 16-29 mm), 10 pack", "Rawlplug", "anchor", 10, 16, 29, 14, 10, 6.49),
        ("RP-HWA-M6-52", "Rawlplug M6 x 52 hollow wall anchors (board 3-16 mm), 4 pack", "Rawlplug", "anchor", 12, 3, 16, 18, 4, 4.29),
        ("RP-HWA-M6-65", "Rawlplug M6 x 65 hollow wall anchors (board 16-29 mm), 4 pack", "Rawlplug", "anchor", 12, 16, 29, 18, 4, 4.79),
        ("FIS-HM5-52", "Fischer HM 5 x 52 metal cavity anchors (board 4-15 mm), 8 pack", "Fischer", "anchor", 10, 4, 15, 14, 8, 6.29),
        ("FIS-HM5-65", "Fischer HM 5 x 65 metal cavity anchors (board 15-28 mm), 8 pack", "Fischer", "anchor", 10, 15, 28, 14, 8, 6.79),
        ("FIS-DT10-4", "Fischer DuoTec 10 toggle plugs (board 9.5-30 mm), 4 pack", "Fischer", "toggle", 10, 9.5, 30, 20, 4, 5.79),
        ("FIS-DT12-4", "Fischer DuoTec 12 toggle plugs (board 9.5-35 mm), 4 pack", "Fischer", "toggle", 12, 9.5, 35, 28, 4, 7.49),
        ("RP-SPT-M5-4", "Rawlplug M5 spring toggles (board 5-45 mm), 4 pack", "Rawlplug", "toggle", 12, 5, 45, 12, 4, 3.29),
        ("GRIP-18-8", "GripIt 18 mm heavy-duty plasterboard fixings, 8 pack", "GripIt", "heavy", 18, 9.5, 15, 45, 8, 9.99),
        ("COR-HD-4", "Corefix heavy-duty plasterboard fixings, 4 pack", "Corefix", "heavy", 12, 12.5, 25, 50, 4, 9.99),
    ):
        yield hw(sku, name, brand, "cavity_fixing", price, "13", fixing_type=kind, hole_mm=hole,
                 grip_min_mm=grip_min, grip_max_mm=grip_max, load_kg=load, pieces=pieces)
    yield from plain(hw, "setting_tool", "13", (("RP-SET-TOOL", "Rawlplug hollow wall anchor setting tool", "Rawlplug", 12.99),
                                    ("FIS-HMZ1", "Fischer HM Z1 cavity anchor setting tool", "Fischer", 16.49)))
    for sku, name, brand, hole, length, load, pieces, price in (
        ("RP-RKEM-M8-4", "Rawlplug R-KEM II resin kit for aircrete: 300 ml resin, 4 mesh sleeves, 4 M8 studs", "Rawlplug", 12, 80, 35, 4, 17.99),
        ("RP-RKEM-M8-8", "Rawlplug R-KEM II resin kit for aircrete: 300 ml resin, 8 mesh sleeves, 8 M8 studs", "Rawlplug", 12, 80, 35, 8, 24.99),
        ("FIS-FISV-M10-6", "Fischer FIS V resin kit: 300 ml resin, 6 mesh sleeves, 6 M10 studs", "Fischer", 16, 90, 45, 6, 29.99),
    ):
        yield hw(sku, name, brand, "resin_anchor", price, "13", hole_mm=hole, length_mm=length,
                 load_kg=load, pieces=pieces, socket_mm=13 if "M8" in name else 17)


def screws() -> Iterator[Row]:
    pilot = {3.0: 2, 3.5: 2, 4.0: 2.5, 4.5: 3, 5.0: 3, 6.0: 3.5}
    sizes = ((3.0, (16, 20, 25, 30)), (3.5, (25, 30, 35, 40)), (4.0, (25, 30, 40, 50)),
             (4.5, (40, 50, 60)), (5.0, (40, 50, 60, 70, 80)), (6.0, (60, 80, 100)))
    for brand, code, pack, factor in (("Spax", "SPX", 100, 1.25), ("TurboGold", "TG", 200, 1.0),
                                      ("Timco", "TIM-CS", 20, 0.35)):
        for d, lengths in sizes:
            for length in lengths:
                sku = f"{code}-{mm(d)}x{length}" + (f"-{pack}" if code == "TIM-CS" else "")
                yield hw(sku, f"{brand} {mm(d)} x {length} mm countersunk wood screws, {pack} pack",
                         brand, "screw", (2.2 + 0.5 * d + length / 40) * factor, "13",
                         head="countersunk", diameter_mm=d, length_mm=length, pilot_mm=pilot[d],
                         pieces=pack)
    for d, length, p, socket, price in ((6, 50, 4, 10, 3.29), (6, 60, 4, 10, 3.49), (6, 75, 4, 10, 3.79),
                                        (8, 60, 5, 13, 3.99), (8, 80, 5, 13, 4.49), (8, 100, 5, 13, 4.99),
                                        (10, 100, 6, 17, 5.99), (10, 120, 6, 17, 6.79)):
        yield hw(f"TIM-COACH-{d}x{length}", f"Timco {d} x {length} mm coach screws, 10 pack",
                 "Timco", "screw", price, "13", head="hex", diameter_mm=d, length_mm=length,
                 pilot_mm=p, pieces=10, socket_mm=socket)
    for size, price in ((8, 3.49), (10, 3.49), (13, 3.99), (17, 4.49)):
        yield hw(f"DRA-NUT-{size}", f"Draper {size} mm hex nut driver, 1/4 inch hex shank", "Draper",
                 "socket_adapter", price, "13", size_mm=size)
        yield hw(f"BOS-NUT-{size}", f"Bosch {size} mm magnetic nutsetter", "Bosch",
                 "socket_adapter", price + 1.5, "13", size_mm=size)


def hanging() -> Iterator[Row]:
    for sku, name, brand, load, pieces, price in (  # load per hook, on plasterboard
        ("HI-PIN-5-4", "Hillman single-pin picture hooks 5 kg, 4 pack", "Hillman", 5, 4, 1.49),
        ("HI-PIN-10-4", "Hillman double-pin picture hooks 10 kg, 4 pack", "Hillman", 10, 4, 1.99),
        ("HI-PIN-10-8", "Hillman double-pin picture hooks 10 kg, 8 pack", "Hillman", 10, 8, 3.29),
        ("HI-PIN-20-2", "Hillman triple-pin picture hooks 20 kg, 2 pack", "Hillman", 20, 2, 2.49),
        ("SEC-HOOK-15-4", "Securit brass picture hooks 15 kg, 4 pack", "Securit", 15, 4, 3.49),
        ("HI-PIN-3-6", "Hillman brass pin hooks 3 kg, 6 pack", "Hillman", 3, 6, 1.29),
        ("PH-BRASS-4", "Pinnacle brass picture hooks 4.5 kg, 10 pack", "Pinnacle", 4.5, 10, 1.99),
    ):
        yield hw(sku, name, brand, "picture_hook", price, "14", load_kg=load, pieces=pieces)
    for sku, name, brand, load, length, thick, price in (
        ("HANGMAN-45", "Hangman French cleat mirror hanger 45 kg, 45 cm", "Hangman", 45, 450, 10, 14.99),
        ("HANGMAN-90", "Hangman heavy-duty French cleat 90 kg, 75 cm", "Hangman", 90, 750, 12, 24.99),
        ("UNI-CLEAT-50", "Unifix aluminium Z-bar picture hanger 50 kg, 60 cm", "Unifix", 50, 600, 9, 17.49),
    ):
        yield hw(sku, name, brand, "mirror_cleat", price, "14", load_kg=load, length_mm=length,
                 thickness_mm=thick)
    standard = ((100, 25), (150, 22), (200, 18), (250, 15), (300, 12), (350, 10))
    heavy = ((150, 60), (200, 50), (250, 45), (300, 40), (350, 35), (400, 30))
    for brand, code, factor in (("Rothley", "ROT", 1.3), ("Duraline", "DUR", 1.0)):
        for depth, load in standard:
            yield hw(f"{code}-BRK-{depth}", f"{brand} {depth} mm steel shelf bracket, white ({load} kg)",
                     brand, "shelf_bracket", (1.6 + depth / 80) * factor, "15", load_kg=load,
                     depth_mm=depth)
        for depth, load in heavy:
            yield hw(f"{code}-HD-{depth}", f"{brand} {depth} mm heavy-duty shelf bracket ({load} kg)",
                     brand, "shelf_bracket", (3.2 + depth / 50) * factor, "15", load_kg=load,
                     depth_mm=depth)
    for depth, load, price in ((150, 40, 8.99), (225, 35, 10.99)):
        yield hw(f"IRN-SCAF-{depth}", f"Cast iron scaffold-board shelf bracket {depth} mm ({load} kg)",
                 "Ironmongery World", "shelf_bracket", price, "15", load_kg=load, depth_mm=depth)
    for sku, name, brand, length, price in (
        ("STA-LVL-600", "Stanley 600 mm spirit level", "Stanley", 600, 9.99),
        ("STA-LVL-1200", "Stanley 1200 mm spirit level", "Stanley", 1200, 16.99),
        ("STB-LVL-400", "Stabila 400 mm spirit level", "Stabila", 400, 21.99),
        ("FAT-TORPEDO", "Stanley FatMax torpedo level 230 mm", "Stanley", 230, 7.99),
        ("DRA-LVL-450", "Draper 450 mm spirit level", "Draper", 450, 6.99),
    ):
        yield hw(sku, name, brand, "spirit_level", price, "15", length_mm=length)
    for sku, name, brand, length, price in (
        ("STA-TAPE-5", "Stanley PowerLock 5 m tape measure", "Stanley", 5, 8.99),
        ("STA-TAPE-8", "Stanley FatMax 8 m tape measure", "Stanley", 8, 17.99),
        ("DRA-TAPE-3", "Draper 3 m tape measure", "Draper", 3, 3.99),
        ("KOM-TAPE-5", "Komelon 5 m tape measure", "Komelon", 5, 6.49),
    ):
        yield hw(sku, name, brand, "tape_measure", price, "15", length_m=length)
    for sku, name, brand, pieces, price in (
        ("STA-PENCIL-2", "Stanley carpenter's pencils, 2 pack", "Stanley", 2, 1.99),
        ("ROL-PENCIL-12", "Rolson carpenter's pencils, 12 pack", "Rolson", 12, 4.49),
        ("STD-NORIS-4", "Staedtler Noris HB pencils, 4 pack", "Staedtler", 4, 2.49),
    ):
        yield hw(sku, name, brand, "pencil", price, "15", pieces=pieces)
    for sku, name, brand, studs, metal, live, price in (
        ("DRA-DET-3IN1", "Draper stud, metal and live wire detector", "Draper", True, True, True, 14.99),
        ("BD-BDS303", "Black+Decker BDS303 stud, metal and live wire detector", "Black+Decker", True, True, True, 19.99),
        ("ZIR-I520", "Zircon MultiScanner i520 stud, metal and AC detector", "Zircon", True, True, True, 39.99),
        ("BOS-UNIDET-280", "Bosch UniversalDetect 280 wall scanner", "Bosch", True, True, True, 69.99),
        ("BOS-TRUVO", "Bosch Truvo metal and live wire detector", "Bosch", False, True, True, 29.99),
        ("STA-S2", "Stanley S2 stud sensor", "Stanley", True, False, True, 24.99),
    ):
        yield hw(sku, name, brand, "detector", price, "15", finds_studs=studs, finds_metal=metal,
                 finds_live=live)


def tv_brackets() -> Iterator[Row]:
    kinds = {  # min, max inches, load kg, VESA min, max (wider side, mm), plate width mm
        "fixed": ((13, 42, 25, 75, 200, 200), (23, 55, 35, 100, 400, 420), (32, 65, 50, 200, 400, 440),
                  (37, 80, 60, 200, 600, 600), (40, 90, 75, 300, 600, 640)),
        "tilt": ((13, 42, 20, 75, 200, 200), (26, 55, 35, 100, 400, 430), (32, 70, 45, 200, 400, 440),
                 (40, 90, 70, 200, 600, 640)),
        "full_motion": ((13, 42, 20, 75, 200, 100), (17, 43, 25, 75, 200, 406), (26, 55, 30, 100, 400, 230),
                        (32, 65, 40, 100, 400, 410), (37, 80, 50, 200, 600, 450), (43, 90, 65, 300, 600, 640)),
    }
    names = {"fixed": "fixed", "tilt": "tilting", "full_motion": "full-motion"}
    base = {"fixed": 14, "tilt": 19, "full_motion": 29}
    for brand, code, factor in (("Vogel's", "VOG", 1.6), ("One For All", "OFA", 1.0),
                                ("Sanus", "SAN", 1.35), ("Ross", "ROSS", 0.75)):
        for kind, sizes in kinds.items():
            for low, high, load, vesa_min, vesa_max, plate in sizes:
                yield hw(f"{code}-{kind[:4].upper()}-{low}-{high}",
                         f"{brand} {names[kind]} TV bracket {low}-{high} inch ({load} kg, VESA "
                         f"{vesa_min}-{vesa_max})", brand, "tv_bracket",
                         (base[kind] + high / 3 + load / 10) * factor, "16", min_inch=low,
                         max_inch=high, mount_type=kind, load_kg=load, vesa_min_mm=vesa_min,
                         vesa_max_mm=vesa_max, plate_mm=plate)


def cables() -> Iterator[Row]:
    for hole in (8, 10, 12, 14, 16, 18, 20):
        for brand, code, price in (("D-Line", "DL", 2.49), ("Schneider", "SCH", 1.99)):
            yield hw(f"{code}-GROM-{hole}", f"{brand} {hole} mm cable grommets, 4 pack", brand,
                     "cable_grommet", price + hole / 20, "17", hole_mm=hole, pieces=4)
    for outer, inner, price in ((16, 13, 2.49), (20, 17, 2.99), (25, 21.5, 3.79)):
        yield hw(f"TOW-COND-{outer}", f"Tower {outer} mm PVC conduit, 2 m (wall sleeve, cut to length)",
                 "Tower", "wall_sleeve", price, "17", hole_mm=outer, inner_mm=inner, length_mm=2000)
    for size, price in ((4, 2.19), (5, 2.29), (6, 2.39), (7, 2.49), (8, 2.59), (10, 2.79), (12, 2.99)):
        yield hw(f"TOW-CLIP-{size}", f"Tower {size} mm round cable clips, 100 pack", "Tower",
                 "cable_clip", price, "17", size_mm=size, pieces=100)
        yield hw(f"DL-CLIP-{size}", f"D-Line {size} mm cable clips, black, 50 pack", "D-Line",
                 "cable_clip", price + 0.8, "17", size_mm=size, pieces=50)
    for sku, name, brand, kind, pieces, price in (
        ("PRO-RJ45-10", "Pro Elec Cat6 RJ45 plugs, 10 pack", "Pro Elec", "rj45", 10, 4.99),
        ("DRA-RJ45-20", "Draper Cat5e RJ45 plugs, 20 pack", "Draper", "rj45", 20, 5.99),
        ("PHI-FPLUG-4", "Philex twist-on F connectors, 4 pack", "Philex", "f_plug", 4, 2.49),
        ("PHI-COAX-2", "Philex coax plugs, 2 pack", "Philex", "f_plug", 2, 1.99),
    ):
        yield hw(sku, name, brand, "cable_connector", price, "17", connector=kind, pieces=pieces)
    yield from plain(hw, "crimp_tool", "17", (("PRO-CRIMP", "Pro Elec RJ45 crimp tool", "Pro Elec", 12.99),
                                    ("DRA-CRIMP", "Draper network crimping tool", "Draper", 18.49)))
    for sku, name, brand, use, gun, price in (
        ("EVB-EXT-80", "Everbuild exterior frame sealant, 80 ml squeeze tube, white", "Everbuild", "exterior", False, 4.49),
        ("UNI-WEATHER-80", "UniBond weatherproof sealant, 80 ml tube, clear", "UniBond", "exterior", False, 5.29),
        ("CT1-290", "CT1 sealant and adhesive, 290 ml cartridge, white", "CT1", "exterior", True, 11.99),
        ("EVB-FRAME-310", "Everbuild frame sealant, 310 ml cartridge, white", "Everbuild", "exterior", True, 4.99),
    ):
        yield hw(sku, name, brand, "sealant", price, "17", use=use, gun=gun)
    yield from plain(hw, "sealant_gun", "17", (("COX-GUN", "Cox skeleton sealant gun", "Cox", 3.99),
                                    ("STA-GUN", "Stanley heavy-duty sealant gun", "Stanley", 9.99)))
    yield from plain(hw, "voltage_tester", "18", (
        ("DRA-VOLT", "Draper non-contact voltage tester", "Draper", 6.99),
        ("FLU-1AC", "Fluke 1AC-E2 II VoltAlert non-contact voltage tester", "Fluke", 24.99),
        ("MAR-VT12", "Martindale VT12 two-pole voltage tester", "Martindale", 59.99),
    ))
    yield from plain(hw, "co_alarm", "18", (
        ("FA-CO9D", "FireAngel CO-9D carbon monoxide alarm, 10-year battery", "FireAngel", 22.99),
        ("KID-7DCO", "Kidde 7DCO carbon monoxide alarm, 10-year battery", "Kidde", 27.49),
        ("AICO-EI208", "Aico Ei208 carbon monoxide alarm, 10-year battery", "Aico", 31.99),
    ))


# -- decorating ---------------------------------------------------------------------------


dec = in_department("decorating")


def repair() -> Iterator[Row]:
    for sku, name, brand, use, depth, price in (
        ("PF-FINE-330", "Polyfilla fine surface filler 330 g", "Polyfilla", "fine", 3, 4.79),
        ("TOU-FINE-1", "Toupret fine filler 1 kg", "Toupret", "fine", 3, 7.99),
        ("PF-RM-330", "Polyfilla ready mixed all-purpose filler 330 g", "Polyfilla", "general", 10, 4.49),
        ("EVB-1STRIKE", "Everbuild One Strike filler 250 ml", "Everbuild", "general", 10, 3.99),
        ("GYP-EASIFILL", "Gyproc Easi-Fill 60 filler 1 kg", "Gyproc", "general", 10, 5.49),
        ("PF-MP-1KG", "Polyfilla multi-purpose powder filler 1 kg", "Polyfilla", "general", 10, 5.49),
        ("NN-DEEP-600", "No Nonsense deep gap filler 600 g", "No Nonsense", "deep", 50, 4.29),
        ("TOU-DEEP-1KG", "Toupret deep repair filler 1 kg", "Toupret", "deep", 50, 8.99),
        ("PF-DEEP-1KG", "Polyfilla deep gaps filler 1 kg", "Polyfilla", "deep", 60, 9.49),
        ("THI-ONECOAT-5", "Thistle One Coat plaster 5 kg", "British Gypsum", "one_coat", 50, 9.99),
        ("THI-ONECOAT-10", "Thistle One Coat plaster 10 kg", "British Gypsum", "one_coat", 50, 15.49),
    ):
        yield dec(sku, name, brand, "filler", price, "18", use=use, max_depth_mm=depth)
    for sku, name, brand, depth, two_part, price in (
        ("RON-WF-MP", "Ronseal multi-purpose wood filler 325 g", "Ronseal", 10, False, 6.49),
        ("RON-WF-QD", "Ronseal quick-drying wood filler 250 g", "Ronseal", 8, False, 5.99),
        ("RON-WF-HP", "Ronseal high performance two-part wood filler 550 g", "Ronseal", 50, True, 12.99),
        ("EVB-WF-2P", "Everbuild two-part wood filler 500 g", "Everbuild", 50, True, 14.49),
    ):
        yield dec(sku, name, brand, "wood_filler", price, "18", max_depth_mm=depth,
                  two_part=two_part)
    for sku, name, brand, use, size, price in (  # covers: the patch's size less 50 mm overlap
        ("PF-MESH-100", "Polyfilla self-adhesive repair mesh 100 x 100 mm", "Polyfilla", "mesh", 100, 3.99),
        ("PF-MESH-150", "Polyfilla self-adhesive repair mesh 150 x 150 mm", "Polyfilla", "mesh", 150, 4.99),
        ("PF-PATCH-150", "Polyfilla plasterboard patch 150 x 150 mm", "Polyfilla", "board", 150, 6.99),
        ("GYP-PATCH-200", "Gyproc plasterboard repair kit 200 x 200 mm", "Gyproc", "board", 200, 9.49),
        ("GYP-PATCH-300", "Gyproc plasterboard repair kit 300 x 300 mm", "Gyproc", "board", 300, 12.99),
    ):
        yield dec(sku, name, brand, "repair_patch", price, "18", use=use, covers_mm=size - 50)
    for sku, name, brand, width, price in (
        ("HAR-FK-25", "Harris 25 mm filling knife", "Harris", 25, 2.99),
        ("HAR-FK-50", "Harris 50 mm filling knife", "Harris", 50, 3.49),
        ("HAR-FK-75", "Harris 75 mm flexible filling knife", "Harris", 75, 4.49),
        ("STA-FK-100", "Stanley 100 mm filling knife", "Stanley", 100, 5.99),
        ("HAM-FK-100", "Hamilton 100 mm filling knife", "Hamilton", 100, 6.49),
        ("STA-TK-150", "Stanley 150 mm taping knife", "Stanley", 150, 7.99),
        ("MAR-TK-200", "Marshalltown 200 mm taping knife", "Marshalltown", 200, 12.99),
    ):
        yield dec(sku, name, brand, "filling_knife", price, "18", width_mm=width)
    yield from plain(dec, "sandpaper", "18", (
        ("HAR-SP-MIX", "Harris mixed-grit sandpaper, 10 sheets", "Harris", 3.99),
        ("3M-SP-120", "3M 120 grit sandpaper, 5 sheets", "3M", 3.49),
        ("3M-SPONGE", "3M sanding sponge, medium", "3M", 2.99),
        ("STA-SP-BLOCK", "Stanley sanding block with paper", "Stanley", 5.49),
    ))
    yield from plain(dec, "crack_monitor", "18", (("AVG-CRACK", "Avongard standard crack monitor", "Avongard", 12.50),
                                    ("TTK-CRACK-2", "TTK crack monitoring gauge, 2 pack", "TTK", 9.99)))


def painting() -> Iterator[Row]:
    paints = (  # sku, name, brand, surface, finish, moisture, breathable, litres, m2 per litre, price
        ("DLX-MATT-25", "Dulux matt emulsion pure brilliant white 2.5 L", "Dulux", "walls", "matt", False, False, 2.5, 13, 20.0),
        ("DLX-MATT-5", "Dulux matt emulsion pure brilliant white 5 L", "Dulux", "walls", "matt", False, False, 5, 13, 32.0),
        ("CRN-MATT-25", "Crown matt emulsion white 2.5 L", "Crown", "walls", "matt", False, False, 2.5, 13, 17.0),
        ("CRN-MATT-5", "Crown matt emulsion white 5 L", "Crown", "walls", "matt", False, False, 5, 13, 28.0),
        ("VAL-MATT-25", "Valspar matt wall paint 2.5 L", "Valspar", "walls", "matt", False, False, 2.5, 14, 24.0),
        ("DLX-SILK-25", "Dulux silk emulsion 2.5 L", "Dulux", "walls", "silk", False, False, 2.5, 13, 21.0),
        ("JOH-CONTRACT-10", "Johnstone's contract matt 10 L", "Johnstone's", "walls", "matt", False, True, 10, 16, 45.0),
        ("LEY-CONTRACT-10", "Leyland Trade contract matt 10 L", "Leyland", "walls", "matt", False, True, 10, 14, 36.0),
        ("DLX-TRADE-SUPER-10", "Dulux Trade supermatt 10 L", "Dulux Trade", "walls", "matt", False, True, 10, 16, 62.0),
        ("LEY-CONTRACT-5", "Leyland Trade contract matt 5 L", "Leyland", "walls", "matt", False, True, 5, 14, 22.0),
        ("DLX-KIT-25", "Dulux Kitchen+ matt 2.5 L", "Dulux", "walls", "matt", True, False, 2.5, 12, 27.0),
        ("DLX-BATH-25", "Dulux Bathroom+ soft sheen 2.5 L", "Dulux", "walls", "soft_sheen", True, False, 2.5, 12, 28.0),
        ("CRN-BATH-25", "Crown bathroom mid sheen 2.5 L", "Crown", "walls", "mid_sheen", True, False, 2.5, 12, 23.0),
        ("CRN-KIT-25", "Crown kitchen matt 2.5 L", "Crown", "walls", "matt", True, False, 2.5, 12, 24.0),
        ("RON-BATH-25", "Ronseal one coat bathroom paint 2.5 L", "Ronseal", "walls", "satin", True, False, 2.5, 10, 29.0),
        ("DLX-CEIL-25", "Dulux ceiling matt white 2.5 L", "Dulux", "ceiling", "matt", False, False, 2.5, 12, 18.0),
        ("DLX-CEIL-5", "Dulux ceiling matt white 5 L", "Dulux", "ceiling", "matt", False, False, 5, 12, 30.0),
        ("CRN-CEIL-5", "Crown ceiling paint 5 L", "Crown", "ceiling", "matt", False, False, 5, 12, 27.0),
        ("RON-ANTI-CEIL", "Ronseal anti-mould ceiling paint 2.5 L", "Ronseal", "ceiling", "matt", True, False, 2.5, 12, 26.0),
        ("ZIN-PERM-CEIL", "Zinsser Perma-White mould-resistant 2.5 L", "Zinsser", "ceiling", "matt", True, False, 2.5, 12, 39.0),
        ("DLX-GLOSS-075", "Dulux gloss white 750 ml", "Dulux", "woodwork", "gloss", False, False, 0.75, 17, 14.0),
        ("DLX-GLOSS-25", "Dulux gloss white 2.5 L", "Dulux", "woodwork", "gloss", False, False, 2.5, 17, 32.0),
        ("CRN-SATIN-075", "Crown satinwood white 750 ml", "Crown", "woodwork", "satin", False, False, 0.75, 16, 13.0),
        ("JOH-AQUA-SATIN-075", "Johnstone's Aqua satin white 750 ml", "Johnstone's", "woodwork", "satin", False, False, 0.75, 14, 15.0),
        ("DLX-QDS-075", "Dulux quick dry satinwood 750 ml", "Dulux", "woodwork", "satin", True, False, 0.75, 14, 17.0),
        ("DLX-QDS-25", "Dulux quick dry satinwood 2.5 L", "Dulux", "woodwork", "satin", True, False, 2.5, 14, 38.0),
        ("ZIN-ALLCOAT-1", "Zinsser AllCoat satin 1 L", "Zinsser", "woodwork", "satin", True, False, 1, 12, 24.0),
    )
    for sku, name, brand, surface, finish, moist, breathable, litres, cover, price in paints:
        # Contract matts breathe (for new plaster) but do not wipe clean; vinyls the reverse.
        yield dec(sku, name, brand, "paint", price, "20", surface=surface, finish=finish,
                  moisture_resistant=moist, breathable=breathable, washable=not breathable,
                  volume_l=litres, coverage_m2=cover)
    for sku, name, brand, use, litres, price in (
        ("ZIN-COVERSTAIN-1", "Zinsser Cover Stain primer 1 L", "Zinsser", "stain_block", 1, 24.0),
        ("ZIN-BIN-1", "Zinsser B-I-N shellac primer 1 L", "Zinsser", "stain_block", 1, 27.0),
        ("POL-STAINSTOP-250", "Polycell Stain Stop aerosol 250 ml", "Polycell", "stain_block", 0.25, 8.49),
        ("DLX-UNDERCOAT-075", "Dulux undercoat white 750 ml", "Dulux", "undercoat", 0.75, 13.0),
    ):
        yield dec(sku, name, brand, "primer", price, "20", use=use, volume_l=litres)
    yield from plain(dec, "sugar_soap", "20", (("POL-SUGAR-1", "Polycell sugar soap 1 L", "Polycell", 4.49),
                                    ("HAR-SUGAR-SPRAY", "Harris sugar soap spray 500 ml", "Harris", 3.99),
                                    ("ELB-SUGAR-1", "Elbow Grease sugar soap concentrate 1 L", "Elbow Grease", 2.99)))
    yield from plain(dec, "mould_remover", "20", (("HG-MOULD-500", "HG mould spray 500 ml", "HG", 5.99),
                                    ("POL-MOULD-500", "Polycell mould killer spray 500 ml", "Polycell", 6.49),
                                    ("DET-MOULD-750", "Dettol mould and mildew remover 750 ml", "Dettol", 4.49)))
    for sku, name, brand, width, price in (
        ("HAR-ROLL-9", "Harris 9 inch roller and tray set", "Harris", 9, 9.99),
        ("PRO-ROLL-9", "ProDec 9 inch medium pile roller and tray set", "ProDec", 9, 8.49),
        ("HAR-ROLL-12", "Harris 12 inch roller kit with extension pole", "Harris", 12, 19.99),
        ("PUR-ROLL-9", "Purdy 9 inch roller frame and sleeve", "Purdy", 9, 14.99),
        ("FIT-ROLL-4", "Fit For The Job 4 inch mini roller set", "Fit For The Job", 4, 4.99),
    ):
        yield dec(sku, name, brand, "paint_roller", price, "21", width_in=width)
    for sku, name, brand, length, price in (("HAR-POLE-2", "Harris telescopic extension pole 1-2 m", "Harris", 2, 9.99),
                                            ("PRO-POLE-24", "ProDec telescopic pole 1.2-2.4 m", "ProDec", 2.4, 12.99),
                                            ("PUR-POLE-24", "Purdy Power Lock pole 1.2-2.4 m", "Purdy", 2.4, 24.99)):
        yield dec(sku, name, brand, "extension_pole", price, "21", length_m=length)
    for sku, name, brand, use, width, price in (
        ("HAR-BR-1", "Harris 1 inch paint brush", "Harris", "woodwork", 25, 2.99),
        ("HAM-BR-15", "Hamilton 1.5 inch brush", "Hamilton", "woodwork", 38, 5.49),
        ("PRO-BR-15", "ProDec 1.5 inch synthetic brush", "ProDec", "woodwork", 38, 3.49),
        ("HAR-BR-CUT", "Harris 2 inch angled cutting-in brush", "Harris", "cutting_in", 50, 4.99),
        ("PUR-BR-2", "Purdy 2 inch angled brush", "Purdy", "cutting_in", 50, 12.99),
        ("HAR-BR-SET5", "Harris paint brush set of 5", "Harris", "set", 50, 9.99),
    ):
        yield dec(sku, name, brand, "paint_brush", price, "21", use=use, width_mm=width)
    for sku, name, brand, width, price in (
        ("FROG-TAPE-24", "FrogTape multi-surface 24 mm x 41 m", "FrogTape", 24, 7.49),
        ("3M-TAPE-25", "3M ScotchBlue masking tape 25 mm", "3M", 25, 5.99),
        ("HAR-TAPE-25", "Harris masking tape 25 mm x 50 m", "Harris", 25, 2.99),
        ("TES-TAPE-38", "Tesa precision masking tape 38 mm", "Tesa", 38, 4.49),
    ):
        yield dec(sku, name, brand, "masking_tape", price, "21", width_mm=width)
    yield from plain(dec, "dust_sheet", "21", (
        ("HAR-SHEET-CTN", "Harris cotton twill dust sheet 12 x 9 ft", "Harris", 11.99),
        ("HAR-SHEET-PLS", "Harris polythene dust sheet 12 x 9 ft", "Harris", 2.49),
        ("FIT-SHEET-3", "Fit For The Job dust sheets, 3 pack", "Fit For The Job", 6.99),
    ))


# -- outdoor ----------------------------------------------------------------------------------


out = in_department("outdoor")


def walking() -> Iterator[Row]:
    for sku, name, brand, lock, price in (
        ("BD-TRAILBACK", "Black Diamond Trail Back trekking poles", "Black Diamond", "lever", 54.95),
        ("BD-TRAIL", "Black Diamond Trail trekking poles", "Black Diamond", "lever", 89.95),
        ("LEKI-MAKALU", "Leki Makalu FX Carbon trekking poles", "Leki", "lever", 139.0),
        ("LEKI-SHERPA", "Leki Sherpa trekking poles", "Leki", "lever", 79.0),
        ("MW-CLIP", "Mountain Warehouse clip-lock walking poles", "Mountain Warehouse", "lever", 59.99),
        ("TREK-FLICK", "Trekmates lightweight flick-lock walking poles", "Trekmates", "lever", 34.99),
        ("LEKI-LEGACY", "Leki Legacy twist-lock trekking poles", "Leki", "twist", 45.0),
        ("KOMP-TWIST", "Komperdell twist-lock trekking poles", "Komperdell", "twist", 39.0),
        ("MW-TWIST", "Mountain Warehouse twist-lock walking poles", "Mountain Warehouse", "twist", 24.99),
        ("VANGO-TWIST", "Vango twist-lock trekking poles", "Vango", "twist", 19.99),
        ("HEL-PASSPORT", "Helinox Passport push-button poles", "Helinox", "push_button", 119.0),
    ):
        yield out(sku, name, brand, "trekking_poles", price, "30", lock=lock)
    for sku, name, brand, waterproof, ankle, price in (  # walking boots: B0, too bendy for crampons
        ("MER-MOAB3", "Merrell Moab 3 Mid walking boots", "Merrell", False, "mid", 110.0),
        ("MER-MOAB3-GTX", "Merrell Moab 3 Mid GORE-TEX walking boots", "Merrell", True, "mid", 135.0),
        ("MER-MOAB3-LOW", "Merrell Moab 3 walking shoes", "Merrell", False, "low", 95.0),
        ("SAL-XU4-GTX", "Salomon X Ultra 4 Mid GORE-TEX boots", "Salomon", True, "mid", 150.0),
        ("SCA-ZG-GTX", "Scarpa ZG Trek GTX boots", "Scarpa", True, "mid", 199.0),
        ("KAR-BODMIN", "Karrimor Bodmin Mid 5 weathertite walking boots", "Karrimor", True, "mid", 45.0),
        ("BER-HILL-WP", "Berghaus Hillwalker II GORE-TEX boots", "Berghaus", True, "mid", 99.0),
        ("HIT-RAVUS", "Hi-Tec Ravus Mid walking boots", "Hi-Tec", False, "mid", 40.0),
        ("SAL-XU4", "Salomon X Ultra 4 Mid boots", "Salomon", False, "mid", 120.0),
        ("MW-EXT-WP", "Mountain Warehouse Extreme waterproof boots", "Mountain Warehouse", True, "mid", 79.99),
        ("KAR-SUMMIT-LOW", "Karrimor Summit walking shoes", "Karrimor", False, "low", 35.0),
    ):
        yield out(sku, name, brand, "hiking_boots", price, "31", waterproof=waterproof, ankle=ankle,
                  grade=0)
    for sku, name, brand, grade, price in (  # winter boots, by crampon compatibility
        ("MEI-BHUTAN", "Meindl Bhutan MFS B1 winter boots", "Meindl", 1, 259.0),
        ("SCA-SL-ACTIVE", "Scarpa SL Active B1 boots", "Scarpa", 1, 275.0),
        ("ZAM-GUIDE-LITE", "Zamberlan Guide Lite B1 boots", "Zamberlan", 1, 230.0),
        ("SCA-MANTA-TECH", "Scarpa Manta Tech GTX B2 mountain boots", "Scarpa", 2, 299.0),
        ("LAS-TRANGO-TECH", "La Sportiva Trango Tech GTX B2 boots", "La Sportiva", 2, 320.0),
        ("LOW-CEVEDALE", "Lowa Cevedale Evo GTX B2 boots", "Lowa", 2, 330.0),
    ):
        yield out(sku, name, brand, "hiking_boots", price, "31", waterproof=True, ankle="mid",
                  grade=grade)
    for sku, name, brand, waterproof, price in (
        ("BER-YETI", "Berghaus Yeti gaiters", "Berghaus", True, 55.0),
        ("RAB-LATOK", "Rab Latok gaiters", "Rab", True, 45.0),
        ("MW-GAITER", "Mountain Warehouse waterproof gaiters", "Mountain Warehouse", True, 14.99),
        ("OR-ROCKY", "Outdoor Research Rocky Mountain gaiters", "Outdoor Research", True, 39.0),
        ("SAL-TRAIL-GAITER", "Salomon trail gaiters, low", "Salomon", False, 25.0),
    ):
        yield out(sku, name, brand, "gaiters", price, "31", waterproof=waterproof)
    for sku, name, brand, kind, litres, price in (
        ("CB-CRUX-15", "CamelBak Crux 1.5 L reservoir", "CamelBak", "bladder", 1.5, 32.0),
        ("CB-CRUX-2", "CamelBak Crux 2 L reservoir", "CamelBak", "bladder", 2, 35.0),
        ("CB-CRUX-3", "CamelBak Crux 3 L reservoir", "CamelBak", "bladder", 3, 39.0),
        ("OSP-HYD-25", "Osprey Hydraulics 2.5 L reservoir", "Osprey", "bladder", 2.5, 37.0),
        ("OSP-HYD-3", "Osprey Hydraulics 3 L reservoir", "Osprey", "bladder", 3, 40.0),
        ("PLAT-BIG-2", "Platypus Big Zip 2 L reservoir", "Platypus", "bladder", 2, 29.0),
        ("SOU-3", "Source WXP 3 L hydration system", "Source", "bladder", 3, 34.0),
        ("CB-CHUTE-1", "CamelBak Chute 1 L bottle", "CamelBak", "bottle", 1, 16.0),
        ("NAL-1", "Nalgene 1 L wide-mouth bottle", "Nalgene", "bottle", 1, 14.0),
        ("NAL-15", "Nalgene 1.5 L wide-mouth bottle", "Nalgene", "bottle", 1.5, 17.0),
        ("MW-BOTTLE-075", "Mountain Warehouse 750 ml aluminium bottle", "Mountain Warehouse", "bottle", 0.75, 7.99),
        ("SIGG-1", "SIGG Traveller 1 L bottle", "SIGG", "bottle", 1, 22.0),
    ):
        yield out(sku, name, brand, "hydration", price, "32", kind=kind, volume_l=litres)
    for sku, name, brand, fills, price in (
        ("SAW-SQUEEZE", "Sawyer Squeeze water filter", "Sawyer", True, 39.0),
        ("SAW-MINI", "Sawyer Mini water filter", "Sawyer", True, 27.0),
        ("KAT-BEFREE", "Katadyn BeFree 0.6 L filter bottle", "Katadyn", True, 42.0),
        ("LIFESTRAW", "LifeStraw personal water filter", "LifeStraw", False, 19.99),
        ("MSR-GUARD", "MSR Guardian purifier", "MSR", True, 329.0),
    ):
        yield out(sku, name, brand, "water_filter", price, "32", fills_bottle=fills)
    yield from plain(out, "electrolytes", "32", (("SIS-HYDRO", "SiS Hydro electrolyte tablets, 20", "SiS", 7.50),
                                    ("HIGH5-ZERO", "High5 Zero electrolyte tablets, 20", "High5", 5.99),
                                    ("NUUN-SPORT", "Nuun Sport electrolyte tablets, 10", "Nuun", 6.99)))
    yield from plain(out, "sun_hat", "32", (("MW-LEGION", "Mountain Warehouse legionnaire sun hat", "Mountain Warehouse", 14.99),
                                    ("COL-BORA", "Columbia Bora Bora booney hat", "Columbia", 25.0),
                                    ("TRE-DESERT", "Trekmates desert sun hat", "Trekmates", 19.99)))
    for sku, name, brand, litres, sleeve, back, fit, price in (  # back: the lengths it adjusts to, cm
        ("MW-TOR-20", "Mountain Warehouse Tor 20 L daypack", "Mountain Warehouse", 20, False, (40, 50), "unisex", 24.99),
        ("KAR-HOTROCK-30", "Karrimor Hot Rock 30 L daypack", "Karrimor", 30, True, (42, 52), "unisex", 45.0),
        ("BER-FREEFLOW-25", "Berghaus Freeflow 25 L daypack", "Berghaus", 25, True, (42, 52), "mens", 70.0),
        ("BER-FREEFLOW-20-W", "Berghaus Freeflow 20 L women's daypack", "Berghaus", 20, True, (38, 48), "womens", 70.0),
        ("OSP-TALON-22", "Osprey Talon 22 L daypack, M/L", "Osprey", 22, True, (46, 56), "mens", 110.0),
        ("OSP-TALON-22-SM", "Osprey Talon 22 L daypack, S/M", "Osprey", 22, True, (38, 48), "mens", 110.0),
        ("OSP-TEMPEST-22", "Osprey Tempest 22 L women's daypack, M/L", "Osprey", 22, True, (42, 52), "womens", 110.0),
        ("OSP-TEMPEST-22-XS", "Osprey Tempest 22 L women's daypack, XS/S", "Osprey", 22, True, (33, 43), "womens", 110.0),
        ("DEU-FUTURA-23", "Deuter Futura 23 L daypack", "Deuter", 23, True, (44, 52), "unisex", 95.0),
        ("DEU-FUTURA-21-SL", "Deuter Futura 21 SL women's daypack", "Deuter", 21, True, (38, 46), "womens", 95.0),
        ("VAN-SUMMIT-30", "Vango Summit 30 L daypack", "Vango", 30, True, (40, 50), "unisex", 40.0),
        ("OSP-KESTREL-38", "Osprey Kestrel 38 L pack, M/L", "Osprey", 38, True, (46, 56), "mens", 150.0),
        ("OSP-KESTREL-38-SM", "Osprey Kestrel 38 L pack, S/M", "Osprey", 38, True, (38, 48), "mens", 150.0),
        ("OSP-KYTE-36", "Osprey Kyte 36 L women's pack", "Osprey", 36, True, (36, 50), "womens", 150.0),
        ("DEU-FUTURA-PRO-40", "Deuter Futura Pro 40 L pack", "Deuter", 40, True, (42, 54), "unisex", 165.0),
        ("DEU-FUTURA-PRO-38-SL", "Deuter Futura Pro 38 SL women's pack", "Deuter", 38, True, (38, 50), "womens", 160.0),
        ("OSP-EXOS-48", "Osprey Exos 48 L pack, M", "Osprey", 48, True, (46, 56), "mens", 190.0),
        ("OSP-EXOS-48-S", "Osprey Exos 48 L pack, S", "Osprey", 48, True, (38, 48), "mens", 190.0),
        ("OSP-EJA-48", "Osprey Eja 48 L women's pack", "Osprey", 48, True, (38, 53), "womens", 190.0),
        ("OSP-KESTREL-48", "Osprey Kestrel 48 L pack", "Osprey", 48, True, (42, 54), "mens", 160.0),
        ("LA-AIRZONE-45", "Lowe Alpine AirZone Trek 45:55 pack", "Lowe Alpine", 55, True, (40, 52), "unisex", 150.0),
        ("VAN-SHERPA-60", "Vango Sherpa 60:70 pack", "Vango", 70, True, (42, 54), "unisex", 90.0),
        ("BER-TRAILHEAD-65", "Berghaus Trailhead 65 L pack", "Berghaus", 65, True, (42, 52), "mens", 110.0),
        ("OSP-AETHER-65", "Osprey Aether 65 L pack, L/XL", "Osprey", 65, True, (50, 60), "mens", 260.0),
        ("OSP-AETHER-65-SM", "Osprey Aether 65 L pack, S/M", "Osprey", 65, True, (38, 50), "mens", 260.0),
        ("OSP-ARIEL-65", "Osprey Ariel 65 L women's pack, M/L", "Osprey", 65, True, (44, 56), "womens", 260.0),
        ("OSP-ARIEL-55-XS", "Osprey Ariel 55 L women's pack, XS/S", "Osprey", 55, True, (33, 45), "womens", 245.0),
        ("DEU-AIRCORE-60-SL", "Deuter Aircontact Core 55+10 SL women's pack", "Deuter", 65, True, (38, 50), "womens", 190.0),
        ("DEU-AIRCORE-50", "Deuter Aircontact Core 50+10 pack", "Deuter", 60, True, (42, 54), "unisex", 190.0),
        ("OSP-TALON-33-W", "Osprey Tempest 34 L women's pack", "Osprey", 34, True, (38, 50), "womens", 130.0),
    ):
        yield out(sku, name, brand, "rucksack", price, "33", volume_l=litres,
                  hydration_sleeve=sleeve, back_min_cm=back[0], back_max_cm=back[1], fit=fit)
    for sku, name, brand, hh, price in (
        ("MW-PAKKA", "Mountain Warehouse Pakka waterproof jacket", "Mountain Warehouse", 5000, 39.99),
        ("MW-EXTREME-JKT", "Mountain Warehouse Extreme Ultralight waterproof jacket", "Mountain Warehouse", 15000, 69.99),
        ("BER-DELUGE", "Berghaus Deluge Pro 3.0 waterproof jacket", "Berghaus", 20000, 90.0),
        ("RAB-DOWNPOUR", "Rab Downpour Eco waterproof jacket", "Rab", 20000, 110.0),
        ("BER-PACLITE", "Berghaus Paclite 2.0 GORE-TEX jacket", "Berghaus", 28000, 170.0),
        ("CRA-ATLAS", "Craghoppers Atlas waterproof jacket", "Craghoppers", 10000, 65.0),
    ):
        yield out(sku, name, brand, "waterproof_jacket", price, "33", hydrostatic_mm=hh)
    yield from plain(out, "first_aid_kit", "33", (("LIFE-TREK", "Lifesystems Trek first aid kit", "Lifesystems", 20.0),
                                    ("LIFE-POCKET", "Lifesystems Pocket first aid kit", "Lifesystems", 9.99),
                                    ("AMK-HIKER", "Adventure Medical Kits Hiker first aid kit", "Adventure Medical Kits", 27.0)))


def camping() -> Iterator[Row]:
    for sku, name, brand, cap, seasons, kg, price in (
        ("VAN-SOUL-200", "Vango Soul 200 tent", "Vango", 2, 2, 3.4, 89.0),
        ("VAN-BAN-200", "Vango Banshee Pro 200 tent", "Vango", 2, 3, 2.0, 199.0),
        ("MSR-HUBBA-2", "MSR Hubba Hubba 2 tent", "MSR", 2, 3, 1.5, 499.0),
        ("COL-DARWIN-4", "Coleman Darwin 4 tent", "Coleman", 4, 2, 7.3, 129.0),
        ("VAN-SKYE-400", "Vango Skye 400 tent", "Vango", 4, 3, 9.5, 299.0),
        ("TN-LASER-1", "Terra Nova Laser Compact 1 tent", "Terra Nova", 1, 3, 0.9, 449.0),
        ("VAN-F10-1", "Vango F10 Nitro Lite 1 tent", "Vango", 1, 3, 1.1, 279.0),
        ("MW-BACK-1", "Mountain Warehouse Backpacker 1 tent", "Mountain Warehouse", 1, 2, 1.9, 59.99),
        ("VAN-NEM-2", "Vango Nemesis Pro 200 tent", "Vango", 2, 4, 2.9, 399.0),
        ("TN-SX-2", "Terra Nova Southern Cross 2 tent", "Terra Nova", 2, 4, 3.2, 649.0),
        ("MSR-ACCESS-1", "MSR Access 1 winter tent", "MSR", 1, 4, 1.5, 579.0),
        ("VAN-MIR-400", "Vango Mirage Pro 400 tent", "Vango", 4, 4, 6.3, 549.0),
        ("COL-COAST-4", "Coleman Coastline 4 tent", "Coleman", 4, 2, 7.6, 99.0),
        ("VAN-TEMPEST-200", "Vango Tempest Pro 200 tent", "Vango", 2, 3, 2.9, 229.0),
        ("VAN-APEX-300", "Vango Apex Compact 300 tent", "Vango", 3, 3, 2.8, 179.0),
        ("MSR-HUBBA-4", "MSR Hubba Hubba 4 tent", "MSR", 4, 3, 3.3, 699.0),
        ("TN-QUASAR-3", "Terra Nova Quasar 3 mountain tent", "Terra Nova", 3, 4, 4.4, 899.0),
    ):
        yield out(sku, name, brand, "tent", price, "33", capacity=cap, seasons=seasons,
                  weight_kg=kg)
    for sku, name, brand, comfort, kg, price in (
        ("SNUG-TRAVEL-2", "Snugpak Travelpak 2 sleeping bag", "Snugpak", 7, 1.2, 45.0),
        ("VAN-ATLAS-250", "Vango Atlas 250 sleeping bag", "Vango", 10, 1.3, 39.0),
        ("MW-SUMMIT-250", "Mountain Warehouse Summit 250 sleeping bag", "Mountain Warehouse", 9, 1.4, 34.99),
        ("VAN-NITE-350", "Vango Nitestar Alpha 350 sleeping bag", "Vango", -1, 1.7, 69.0),
        ("SNUG-SOFTIE-9", "Snugpak Softie 9 Hawk sleeping bag", "Snugpak", -2, 1.6, 109.0),
        ("RAB-ASC-700", "Rab Ascent 700 down sleeping bag", "Rab", -3, 1.4, 249.0),
        ("RAB-NEU-800", "Rab Neutrino Pro 800 sleeping bag", "Rab", -11, 1.3, 499.0),
        ("ME-GLACIER", "Mountain Equipment Glacier 1000 sleeping bag", "Mountain Equipment", -12, 1.8, 449.0),
        ("SNUG-ANTARC", "Snugpak Softie Elite 5 sleeping bag", "Snugpak", -10, 2.3, 219.0),
        ("COL-COSY", "Coleman Kompact 15 sleeping bag", "Coleman", 15, 1.5, 24.99),
        ("VAN-VOYAGE", "Vango Voyager 300 sleeping bag", "Vango", 4, 1.8, 54.0),
        ("MW-MICRO-350", "Mountain Warehouse Microlite 350 sleeping bag", "Mountain Warehouse", 2, 1.1, 44.99),
    ):
        yield out(sku, name, brand, "sleeping_bag", price, "34", comfort_c=comfort, weight_kg=kg)
    for sku, name, brand, r_value, kg, price in (
        ("MW-FOAM", "Mountain Warehouse foam roll mat", "Mountain Warehouse", 1.2, 0.3, 9.99),
        ("TR-ZLITE", "Therm-a-Rest Z Lite Sol mat", "Therm-a-Rest", 2.0, 0.41, 49.0),
        ("EXP-ULTRA-3R", "Exped Ultra 3R mat", "Exped", 2.9, 0.49, 129.0),
        ("TR-NEO-XLITE", "Therm-a-Rest NeoAir XLite NXT mat", "Therm-a-Rest", 4.5, 0.37, 199.0),
        ("EXP-DOWN-7", "Exped DownMat 7 mat", "Exped", 5.9, 1.0, 169.0),
        ("VAN-AETHER", "Vango Aether 5 self-inflating mat", "Vango", 2.6, 1.6, 49.0),
        ("SEA-ETHER", "Sea to Summit Ether Light XT mat", "Sea to Summit", 3.2, 0.48, 159.0),
        ("MW-SELF-5", "Mountain Warehouse self-inflating mat 5 cm", "Mountain Warehouse", 1.8, 1.0, 29.99),
        ("VAN-COMFORT-10", "Vango Comfort 10 cm self-inflating mat", "Vango", 4.7, 2.4, 79.0),
    ):
        yield out(sku, name, brand, "sleeping_mat", price, "34", r_value=r_value, weight_kg=kg)
    yield from plain(out, "head_torch", "35", (
        ("PET-TIKKINA", "Petzl Tikkina head torch", "Petzl", 19.99),
        ("PET-ACTIK", "Petzl Actik Core head torch", "Petzl", 54.99),
        ("BD-SPOT", "Black Diamond Spot 400 head torch", "Black Diamond", 44.99),
        ("LED-MH5", "Ledlenser MH5 head torch", "Ledlenser", 39.99),
        ("MW-TORCH", "Mountain Warehouse Brightest head torch", "Mountain Warehouse", 14.99),
    ))
    yield from plain(out, "tent_pegs", "35", (("VAN-PEGS-MALLET", "Vango rock pegs (10) and mallet set", "Vango", 14.99),
                                    ("COL-PEGS-MALLET", "Coleman steel pegs (10) and mallet", "Coleman", 12.99)))
    for sku, name, brand, kind, fuel, burners, price in (
        ("CAM-BISTRO-3", "Campingaz Camp Bistro 3 stove", "Campingaz", "car", "butane_cartridge", 1, 34.99),
        ("VAN-COMPACT-STOVE", "Vango compact gas stove with case", "Vango", "car", "butane_cartridge", 1, 24.99),
        ("CAM-KITCHEN-2", "Campingaz Camping Kitchen 2 two-burner stove", "Campingaz", "car", "cylinder", 2, 79.99),
        ("MSR-POCKET-2", "MSR PocketRocket 2 stove", "MSR", "backpacking", "screw_canister", 1, 45.0),
        ("JET-FLASH", "Jetboil Flash cooking system", "Jetboil", "backpacking", "screw_canister", 1, 119.99),
        ("ALP-KRAKU", "Alpkit Kraku stove", "Alpkit", "backpacking", "screw_canister", 1, 29.99),
    ):
        yield out(sku, name, brand, "stove", price, "36", kind=kind, fuel=fuel, burners=burners)
    for sku, name, brand, fuel, winter, grams, price in (
        ("CAM-CP250-4", "Campingaz CP250 butane cartridges, 4 pack", "Campingaz", "butane_cartridge", False, 1000, 11.99),
        ("VAN-BUTANE-4", "Vango butane gas cartridges, 4 pack", "Vango", "butane_cartridge", False, 880, 8.99),
        ("COL-C250", "Coleman C250 Performance gas canister", "Coleman", "screw_canister", False, 240, 6.99),
        ("MSR-ISOPRO-230", "MSR IsoPro 230 g gas canister", "MSR", "screw_canister", True, 230, 8.50),
        ("JET-POWER-230", "Jetboil Jetpower 230 g gas canister", "Jetboil", "screw_canister", True, 230, 8.99),
        ("PRI-WINTER-230", "Primus Winter Gas 230 g canister", "Primus", "screw_canister", True, 230, 9.49),
        ("CAM-907", "Campingaz 907 butane cylinder (exchange)", "Campingaz", "cylinder", False, 2750, 19.99),
        ("CAM-904", "Campingaz 904 butane cylinder (exchange)", "Campingaz", "cylinder", False, 1800, 16.99),
    ):
        yield out(sku, name, brand, "gas", price, "36", fuel=fuel, winter_mix=winter, gas_g=grams)
    for sku, name, brand, litres, kg, price in (
        ("ALP-MYTI-650", "Alpkit MyTiMug 650 titanium pot", "Alpkit", 0.65, 0.1, 24.99),
        ("MSR-TRAIL-DUO", "MSR Trail Mini Duo cook set", "MSR", 1.2, 0.28, 44.95),
        ("S2S-XPOT-28", "Sea to Summit X-Pot 2.8 L", "Sea to Summit", 2.8, 0.32, 54.95),
        ("S2S-XPOT-4", "Sea to Summit X-Pot 4 L", "Sea to Summit", 4.0, 0.45, 64.95),
        ("VAN-COOKSET-2", "Vango hard anodised cook kit for 2", "Vango", 1.6, 0.6, 24.99),
        ("COL-COOKSET-4", "Coleman family cookset for 4", "Coleman", 3.0, 1.4, 34.99),
        ("TRA-25", "Trangia 25 cookset (pans only)", "Trangia", 2.5, 0.9, 64.99),
    ):
        yield out(sku, name, brand, "cook_pot", price, "36", volume_l=litres, weight_kg=kg)
    yield from plain(out, "spork", "36", (("LMF-SPORK", "Light My Fire spork", "Light My Fire", 4.99),
                                          ("ALP-TI-SPORK", "Alpkit titanium spork", "Alpkit", 8.0),
                                          ("S2S-LONG-SPOON", "Sea to Summit long spoon", "Sea to Summit", 9.99)))
    yield from plain(out, "lighter", "36", (("BIC-2", "BIC lighters, 2 pack", "BIC", 2.49),
                                    ("LMF-STEEL", "Light My Fire FireSteel", "Light My Fire", 12.99),
                                    ("UCO-MATCHES", "UCO stormproof matches", "UCO", 7.49)))


# -- new jobs: windows, doors, draughts, alarms ----------------------------------------------


def windows_doors() -> Iterator[Row]:
    for brand, code, material, factor in (("Swish", "SWI", "metal", 1.0), ("Speedy", "SPE", "metal", 0.9),
                                          ("Harrison Drape", "HD", "wooden", 1.5)):
        for diameter in ((19, 28) if material == "metal" else (28, 35)):
            for length in (1200, 1500, 1800, 2400, 3000, 3600):
                yield hw(f"{code}-POLE-{diameter}-{length}",
                         f"{brand} {diameter} mm {material} curtain pole set {length / 1000:g} m",
                         brand, "curtain_pole", (8 + diameter / 2.5 + length / 150) * factor, "19",
                         span_mm=length, pole_mm=diameter)
            yield hw(f"{code}-CBRK-{diameter}", f"{brand} {diameter} mm centre bracket", brand,
                     "curtain_bracket", (3.5 + diameter / 10) * factor, "19", pole_mm=diameter)
    for brand, code, extra in (("Swish", "SWI", 0.0), ("Louvolite", "LOU", 4.0)):
        for width in (600, 900, 1200, 1500, 1800, 2100, 2400):
            yield hw(f"{code}-BLIND-{width}", f"{brand} cut-to-fit blackout roller blind {width // 10} cm",
                     brand, "roller_blind", 9.0 + width / 85 + extra, "19", span_mm=width)
    for d, length, pilot, pieces, price in ((4.8, 32, 4, 20, 3.49), (4.2, 25, 3.5, 20, 2.99)):
        yield hw(f"TIM-STS-{mm(d)}x{length}", f"Timco self-tapping pan head screws {mm(d)} x {length} mm, {pieces} pack",
                 "Timco", "screw", price, "13", head="self_tapping", diameter_mm=d, length_mm=length,
                 pilot_mm=pilot, pieces=pieces)
    for sku, name, brand, straps, load, price in (
        ("S1-ANTITIP-2", "Safety 1st anti-tip furniture straps, 2 pack", "Safety 1st", 2, 60, 8.99),
        ("DB-ANTITIP-2", "Dreambaby anti-tip furniture straps, 2 pack", "Dreambaby", 2, 68, 7.99),
        ("CLIP-ANTITIP-2", "Clippasafe anti-tip straps, 2 pack", "Clippasafe", 2, 50, 6.49),
        ("S1-ANTITIP-4", "Safety 1st anti-tip furniture straps, 4 pack", "Safety 1st", 4, 60, 14.99),
        ("BT-METAL-2", "BabyDan metal furniture anchors, 2 pack", "BabyDan", 2, 90, 11.99),
    ):
        yield hw(sku, name, brand, "anti_tip", price, "19", pieces=straps, load_kg=load)
    for brand, code, anti, base in (("Yale", "YALE-PLAT", True, 39.0), ("ERA", "ERA-FORT", True, 34.0),
                                    ("Ultion", "ULT", True, 64.0), ("Union", "UNI-STD", False, 14.0),
                                    ("Yale", "YALE-STD", False, 16.0)):
        for outside, inside in ((35, 35), (40, 40), (35, 45), (40, 50), (45, 45)):
            kind = "anti-snap 3-star" if anti else "standard"
            yield hw(f"{code}-{outside}-{inside}", f"{brand} {kind} euro cylinder {outside}/{inside}",
                     brand, "euro_cylinder", base + (outside + inside - 70) / 4, "19",
                     outside_mm=outside, inside_mm=inside, anti_snap=anti)
    for sku, name, brand, bs, price in (
        ("YALE-PBS1", "Yale PBS1 British Standard nightlatch", "Yale", True, 74.99),
        ("ERA-1930", "ERA 1930 British Standard nightlatch", "ERA", True, 69.99),
        ("YALE-89", "Yale 89 deadlocking nightlatch", "Yale", False, 34.99),
        ("UNI-1332", "Union 1332 nightlatch", "Union", False, 36.99),
    ):
        yield hw(sku, name, brand, "nightlatch", price, "19", bs3621=bs)
    for case in (64, 76):
        for sku, name, brand, bs, price in (
            (f"UNI-2134E-{case}", f"Union 2134E 5-lever BS3621 sashlock {case} mm", "Union", True, 47.99),
            (f"ERA-FORT-ML-{case}", f"ERA Fortress 5-lever BS3621 deadlock {case} mm", "ERA", True, 39.99),
            (f"YALE-3L-{case}", f"Yale 3-lever sashlock {case} mm", "Yale", False, 15.99),
        ):
            yield hw(sku, name, brand, "mortice_lock", price + (2 if case == 76 else 0), "19",
                     case_mm=case, bs3621=bs)
    yield from plain(hw, "screwdriver", "11", (
        ("STA-SD-6", "Stanley 6-piece screwdriver set", "Stanley", 12.99),
        ("DRA-SD-8", "Draper 8-piece screwdriver set", "Draper", 14.99),
        ("BAH-SD-2", "Bahco 2-piece screwdriver set", "Bahco", 8.49),
    ))


def draughts_alarms() -> Iterator[Row]:
    for sku, name, brand, profile, gap_min, gap_max, length, price in (
        ("STG-E-10", "Stormguard E-profile rubber seal, 1-3.5 mm gaps, 10 m", "Stormguard", "e", 1, 3.5, 10, 9.99),
        ("EXI-E-5", "Exitex E-profile rubber seal, 1-3 mm gaps, 5 m", "Exitex", "e", 1, 3, 5, 5.99),
        ("STG-P-6", "Stormguard P-profile rubber seal, 3-5 mm gaps, 6 m", "Stormguard", "p", 3, 5, 6, 8.99),
        ("EXI-P-10", "Exitex P-profile rubber seal, 3-5 mm gaps, 10 m", "Exitex", "p", 3, 5, 10, 11.99),
        ("STG-FOAM-5", "Stormguard foam strip, 2-5 mm gaps, 5 m", "Stormguard", "foam", 2, 5, 5, 3.49),
        ("STG-BRUSH-5", "Stormguard sash window brush pile, 5 m", "Stormguard", "brush", 2, 6, 5, 8.49),
        ("EXI-BRUSH-10", "Exitex brush pile seal, 10 m", "Exitex", "brush", 2, 6, 10, 14.99),
    ):
        yield hw(sku, name, brand, "seal_strip", price, "19", profile=profile, gap_min_mm=gap_min,
                 gap_max_mm=gap_max, length_m=length)
    for sku, name, brand, length, price in (
        ("STG-DOORBRUSH-914", "Stormguard door brush strip 914 mm", "Stormguard", 914, 9.99),
        ("EXI-DOORBRUSH-1000", "Exitex door brush strip 1000 mm", "Exitex", 1000, 12.49),
        ("STG-DOORBRUSH-838", "Stormguard door brush strip 838 mm", "Stormguard", 838, 8.99),
    ):
        yield hw(sku, name, brand, "door_brush", price, "19", length_mm=length)
    yield from plain(hw, "letterbox_brush", "19", (
        ("STG-LETTER", "Stormguard letterbox draught excluder", "Stormguard", 7.99),
        ("EXI-LETTER", "Exitex letterbox brush", "Exitex", 9.49),
    ))
    yield from plain(hw, "floor_gap_filler", "19", (
        ("DRAUGHTEX-50", "DraughtEx floorboard gap filler, 50 m", "DraughtEx", 29.99),
        ("STOPGAP-25", "StopGap floorboard gap filler, 25 m", "StopGap", 19.99),
    ))
    for sku, name, brand, alarm, linked, price in (
        ("FA-ST622", "FireAngel ST-622 optical smoke alarm, 10-year battery", "FireAngel", "smoke", False, 19.99),
        ("AICO-EI650", "Aico Ei650 optical smoke alarm, 10-year battery", "Aico", "smoke", False, 22.49),
        ("KID-10Y29", "Kidde 10Y29 optical smoke alarm, 10-year battery", "Kidde", "smoke", False, 17.99),
        ("FA-WS2-SMOKE", "FireAngel Wi-Safe 2 interlinked optical smoke alarm, 10-year battery", "FireAngel", "smoke", True, 54.99),
        ("AICO-EI650RF", "Aico Ei650RF interlinked smoke alarm, 10-year battery", "Aico", "smoke", True, 59.99),
        ("FA-HT630", "FireAngel HT-630 heat alarm, 10-year battery", "FireAngel", "heat", False, 24.99),
        ("AICO-EI603", "Aico Ei603 heat alarm, 10-year battery", "Aico", "heat", False, 27.49),
        ("FA-WS2-HEAT", "FireAngel Wi-Safe 2 interlinked heat alarm, 10-year battery", "FireAngel", "heat", True, 59.99),
        ("AICO-EI603RF", "Aico Ei603RF interlinked heat alarm, 10-year battery", "Aico", "heat", True, 64.99),
    ):
        yield hw(sku, name, brand, "smoke_alarm", price, "18", alarm=alarm, interlinked=linked)
    yield from plain(hw, "alarm_mount", "18", (
        ("FA-MAGMOUNT", "FireAngel magnetic alarm mounting kit", "FireAngel", 5.99),
        ("KID-PAD", "Kidde adhesive alarm mounting pad", "Kidde", 3.99),
    ))


# -- new jobs: paper and floors ---------------------------------------------------------------


def paper_floors() -> Iterator[Row]:
    for sku, name, brand, paste, price in (
        ("GB-SUPERFRESCO-WHITE", "Graham & Brown Superfresco Easy plain white wallpaper", "Graham & Brown", "wall", 18.0),
        ("GB-SUPERFRESCO-TEXT", "Graham & Brown Superfresco Easy textured wallpaper", "Graham & Brown", "wall", 22.0),
        ("ART-CALICO", "Arthouse Calico non-woven wallpaper", "Arthouse", "wall", 15.0),
        ("ART-GEO", "Arthouse geometric vinyl wallpaper, paste the wall", "Arthouse", "wall", 17.0),
        ("HOL-PLAIN", "Holden Decor plain texture wallpaper", "Holden Decor", "wall", 14.0),
        ("ERF-LINING-1000", "Erfurt 1000 grade lining paper", "Erfurt", "paper", 6.0),
        ("ERF-WOODCHIP", "Erfurt woodchip paper", "Erfurt", "paper", 8.5),
        ("ANA-CLASSIC", "Anaglypta classic paintable wallpaper", "Anaglypta", "paper", 16.0),
        ("HOL-DAMASK-PAPER", "Holden Decor damask wallpaper, paste the paper", "Holden Decor", "paper", 13.0),
    ):
        yield dec(sku, name, brand, "wallpaper", price, "22", paste=paste, width_m=0.53, length_m=10.05,
                  lining=sku.startswith("ERF-LINING"))  # plain paper to paint over, not a decorative one
    for sku, name, brand, paste, rolls, price in (
        ("SOL-PTW-10", "Solvite paste the wall, 10 rolls", "Solvite", "wall", 10, 9.99),
        ("SOL-PTW-5", "Solvite paste the wall, 5 rolls", "Solvite", "wall", 5, 6.49),
        ("SOL-AP-5", "Solvite all-purpose wallpaper paste, 5 rolls", "Solvite", "paper", 5, 5.49),
        ("SOL-XS-10", "Solvite extra strong wallpaper paste, 10 rolls", "Solvite", "paper", 10, 8.99),
        ("SOL-SIZE", "Solvite wallpaper size, for new plaster", "Solvite", "size", 10, 4.99),
    ):
        yield dec(sku, name, brand, "paste", price, "22", paste=paste, rolls=rolls)
    for sku, name, brand, paste, price in (
        ("HAR-PASTE-BRUSH", "Harris 7 inch pasting brush", "Harris", "paper", 7.99),
        ("HAR-PASTE-ROLLER", "Harris paste-the-wall roller", "Harris", "wall", 6.99),
        ("PRO-PASTE-BRUSH", "ProDec pasting brush", "ProDec", "paper", 5.49),
    ):
        yield dec(sku, name, brand, "paste_brush", price, "22", paste=paste)
    for category, rows in (
        ("pasting_table", (("HAR-PASTE-TABLE", "Harris pasting table", "Harris", 24.99),
                           ("FIT-PASTE-TABLE", "Fit For The Job pasting table", "Fit For The Job", 19.99))),
        ("smoother", (("HAR-SMOOTH-BRUSH", "Harris wallpaper smoothing brush", "Harris", 5.99),
                      ("PRO-SMOOTHER", "ProDec plastic wallpaper smoother", "ProDec", 2.99))),
        ("trimming_knife", (("STA-SNAP-18", "Stanley 18 mm snap-off knife", "Stanley", 4.99),
                            ("OLF-SNAP-9", "OLFA 9 mm snap-off knife", "OLFA", 3.99))),
        ("wallpaper_scissors", (("HAR-SCISSORS", "Harris paperhanging scissors", "Harris", 7.99),
                                ("PRO-SCISSORS", "ProDec decorating scissors", "ProDec", 5.99))),
        ("plumb_line", (("STA-PLUMB", "Stanley plumb bob and line", "Stanley", 6.49),
                        ("HAR-PLUMB", "Harris plumb line", "Harris", 3.99))),
        ("steam_stripper", (("EAR-SS77", "Earlex SS77 wallpaper steamer", "Earlex", 44.99),
                            ("WAG-STEAM", "Wagner steam wallpaper stripper", "Wagner", 39.99))),
        ("wallpaper_scraper", (("HAR-STRIP-KNIFE", "Harris stripping knife", "Harris", 4.49),
                               ("ZIN-TIGER", "Zinsser PaperTiger scorer", "Zinsser", 9.99))),
    ):
        yield from plain(dec, category, "22", rows)
    for sku, name, brand, floor, m2, price in (  # price per pack (per square metre for sheet vinyl)
        ("KRO-7-OAK", "Kronospan 7 mm oak-effect laminate, 2.13 m2 pack", "Kronospan", "laminate", 2.13, 17.99),
        ("KRO-8-ORIG", "Krono Original 8 mm laminate, 2.22 m2 pack", "Krono", "laminate", 2.22, 24.99),
        ("QS-CLASSIC-8", "Quick-Step Classic 8 mm laminate, 1.52 m2 pack", "Quick-Step", "laminate", 1.52, 37.99),
        ("BAL-12-OAK", "Balterio 12 mm oak laminate, 1.45 m2 pack", "Balterio", "laminate", 1.45, 42.99),
        ("SPC-RIGID-GREY", "Rigid core SPC click vinyl, grey oak, 2.23 m2 pack", "Luvanto", "lvt", 2.23, 44.99),
        ("QS-LIVYN-PULSE", "Quick-Step Livyn Pulse click vinyl, 2.1 m2 pack", "Quick-Step", "lvt", 2.1, 62.99),
        ("LUV-CLICK-OAK", "Luvanto click vinyl, natural oak, 1.67 m2 pack", "Luvanto", "lvt", 1.67, 38.99),
        ("CUSH-VINYL-M2", "Cushioned sheet vinyl, 4 m wide, per m2", "Lifestyle Floors", "sheet_vinyl", 1, 9.99),
        ("PREM-VINYL-M2", "Premium sheet vinyl, 4 m wide, per m2", "Tarkett", "sheet_vinyl", 1, 15.99),
    ):
        # Sheet vinyl is sold by the square metre off a 4 m wide roll.
        width = {"width_m": 4.0} if floor == "sheet_vinyl" else {}
        yield dec(sku, name, brand, "flooring", price, "23", floor=floor, pack_m2=m2, **width)
    for sku, name, brand, floor, dpm, ufh, m2, price in (
        ("TIM-FOAM-DPM-15", "Timbertech 3 mm foam underlay with DPM, 15 m2", "Timbertech", "laminate", True, True, 15, 19.99),
        ("FIB-5-7", "5 mm fibreboard underlay, 7 m2", "Timbertech", "laminate", False, False, 7, 14.99),
        ("SIL-ACOUSTIC-10", "Silentfloor 5 mm acoustic underlay with DPM, 10 m2", "Silentfloor", "laminate", True, False, 10, 34.99),
        ("LVT-UNDER-10", "1.5 mm LVT underlay with DPM, 10 m2", "Timbertech", "lvt", True, True, 10, 24.99),
        ("LVT-ACOUSTIC-10", "2 mm acoustic LVT underlay, 10 m2", "Silentfloor", "lvt", False, False, 10, 22.99),
    ):
        yield dec(sku, name, brand, "underlay", price, "23", for_floor=floor, dpm=dpm, ufh=ufh,
                  pack_m2=m2)
    yield from plain(dec, "fitting_kit", "23", (
        ("VIT-LAM-KIT", "Vitrex laminate fitting kit", "Vitrex", 12.99),
        ("TRO-FLOOR-KIT", "Trojan flooring installation kit", "Trojan", 9.99),
    ))
    for sku, name, brand, price in (
        ("SCOTIA-OAK-24", "Oak-effect scotia beading 2.4 m", "Cheshire Mouldings", 3.49),
        ("SCOTIA-WHITE-24", "White MDF scotia 2.4 m", "Cheshire Mouldings", 2.99),
        ("BEAD-LAM-24", "Laminate edge beading 2.4 m", "Cheshire Mouldings", 3.99),
    ):
        yield dec(sku, name, brand, "beading", price, "23", length_m=2.4)
    yield from plain(dec, "door_bar", "23", (
        ("DOORBAR-BRASS-09", "Brass-effect door bar 0.9 m", "Vitrex", 7.99),
        ("DOORBAR-OAK-09", "Oak threshold strip 0.9 m", "Cheshire Mouldings", 12.99),
    ))
    for sku, name, brand, gun, price in (
        ("EVB-STIXALL-80", "Everbuild Stixall grab adhesive, 80 ml tube", "Everbuild", False, 5.49),
        ("UNI-NMN-310", "UniBond No More Nails, 310 ml cartridge", "UniBond", True, 6.99),
        ("UNI-NMN-TUBE", "UniBond No More Nails invisible, 200 ml tube", "UniBond", False, 7.49),
    ):
        yield dec(sku, name, brand, "grab_adhesive", price, "23", gun=gun)
    yield from plain(dec, "flooring_saw", "23", (
        ("STA-FINECUT", "Stanley FatMax fine-cut hand saw", "Stanley", 12.99),
        ("BAH-LAM-SAW", "Bahco laminate saw", "Bahco", 14.99),
    ))
    yield from plain(dec, "double_sided_tape", "23", (
        ("EVB-CARPET-TAPE", "Everbuild double-sided flooring tape 50 mm x 10 m", "Everbuild", 5.99),
        ("TESA-FLOOR-TAPE", "Tesa flooring tape 50 mm x 10 m", "Tesa", 7.49),
    ))


# -- new jobs: plumbing -------------------------------------------------------------------------


pl = in_department("plumbing")


def plumbing() -> Iterator[Row]:
    for sku, name, brand, price in (
        ("UNI-ANTIMOULD-300", "UniBond anti-mould sanitary sealant, white, 300 ml", "UniBond", 8.99),
        ("DOW-785", "Dow 785 sanitary silicone, white, 310 ml", "Dow", 9.49),
        ("EVB-FOREVER-WHITE", "Everbuild Forever White sanitary silicone, 310 ml", "Everbuild", 7.49),
        ("DOW-785-CLEAR", "Dow 785 sanitary silicone, clear, 310 ml", "Dow", 9.49),
    ):
        yield pl(sku, name, brand, "sanitary_sealant", price, "24", use="sanitary", gun=True)
    for category, rows in (
        ("sealant_remover", (("UNI-SILICONE-EATER", "UniBond Silicone Eater remover", "UniBond", 7.99),
                             ("EVB-REMOVER", "Everbuild silicone sealant remover", "Everbuild", 6.49))),
        ("sealant_tool", (("CRA-SEALANT-SET", "Cramer sealant finishing and removal set", "Cramer", 7.99),
                          ("EVB-SEAL-KIT", "Everbuild sealant removal and finishing kit", "Everbuild", 5.99))),
        ("rubber_gloves", (("MARIGOLD", "Marigold household gloves", "Marigold", 2.49),
                           ("DRA-CHEM-GLOVES", "Draper chemical-resistant gloves", "Draper", 4.99))),
        ("goggles", (("3M-GOGGLES", "3M safety goggles", "3M", 5.99),
                     ("DRA-GOGGLES", "Draper safety goggles", "Draper", 3.99))),
        ("plumbers_grease", (("ORA-GREASE", "Oracstar silicone grease 10 g", "Oracstar", 3.49),
                             ("FER-LST", "Fernox LST silicone lubricant", "Fernox", 6.99))),
        ("spanner", (("STA-ADJ-10", "Stanley 10 inch adjustable spanner", "Stanley", 11.99),
                     ("BAH-ADJ-8", "Bahco 8 inch adjustable spanner", "Bahco", 16.99),
                     ("MON-BASIN", "Monument basin wrench", "Monument", 14.99))),
        ("bleed_key", (("MON-RADKEY-2", "Monument radiator keys, 2 pack", "Monument", 2.49),
                       ("ROT-4WAY-KEY", "Rothenberger 4-way radiator key", "Rothenberger", 4.99))),
        ("pliers", (("STA-WP-PLIERS", "Stanley water pump pliers", "Stanley", 10.99),
                    ("KNI-COBRA-250", "Knipex Cobra 250 mm pliers", "Knipex", 29.99))),
    ):
        yield from plain(pl, category, "24", rows)
    for size, price in ((10, 4.99), (15, 5.49), (20, 5.99)):
        yield pl(f"EVB-BACKER-{size}", f"Everbuild foam backing rod {size} mm x 5 m", "Everbuild",
                 "backer_rod", price, "24", diameter_mm=size)
    for sku, name, brand, tap, size, diameter, price in (
        ("ORA-WASH-HALF", "Oracstar 1/2 inch tap washers, 10 pack", "Oracstar", "washer", "half", 0, 2.49),
        ("ORA-WASH-34", "Oracstar 3/4 inch tap washers, 10 pack", "Oracstar", "washer", "three_quarter", 0, 2.49),
        ("ORA-CER-HALF", "Oracstar 1/2 inch ceramic disc cartridges, pair", "Oracstar", "ceramic", "half", 0, 9.99),
        ("ORA-CER-34", "Oracstar 3/4 inch ceramic disc cartridges, pair", "Oracstar", "ceramic", "three_quarter", 0, 11.99),
        ("BRI-MIX-35", "Bristan 35 mm mixer tap cartridge", "Bristan", "mixer", "half", 35, 14.99),
        ("BRI-MIX-40", "Bristan 40 mm mixer tap cartridge", "Bristan", "mixer", "half", 40, 16.99),
        ("ORA-ORING-KIT", "Oracstar tap O-ring kit", "Oracstar", "o_ring", "half", 0, 3.99),
    ):
        yield pl(sku, name, brand, "tap_part", price, "24", tap=tap, size_in=size, diameter_mm=diameter)
    for sku, name, brand, drain, price in (
        ("SINK-PLUNGER", "Sink plunger", "Kilrock", "sink", 3.99),
        ("TOILET-PLUNGER", "Flanged toilet plunger", "Kilrock", "toilet", 6.99),
        ("PUMP-PLUNGER", "Kilrock pump-action sink plunger", "Kilrock", "sink", 12.99),
    ):
        yield pl(sku, name, brand, "plunger", price, "24", drain=drain)
    for sku, name, brand, caustic, price in (
        ("KIL-CAUSTIC-500", "Kilrock caustic soda crystals 500 g", "Kilrock", True, 3.99),
        ("MRM-GEL-500", "Mr Muscle sink and plughole gel 500 ml", "Mr Muscle", True, 3.49),
        ("BUS-ENZYME-1L", "Buster enzyme drain cleaner 1 L", "Buster", False, 5.99),
        ("BIO-DRAIN-1L", "Biological drain maintainer 1 L", "Kilrock", False, 4.99),
    ):
        yield pl(sku, name, brand, "drain_unblocker", price, "24", caustic=caustic)
    for sku, name, brand, drain, price in (
        ("HAIR-SNAKE", "Drain hair removal tool, 2 pack", "Kilrock", "hair", 3.99),
        ("AUGER-5M", "5 m drain auger", "Monument", "sink", 9.99),
        ("TOILET-AUGER", "Toilet auger 90 cm", "Monument", "toilet", 19.99),
    ):
        yield pl(sku, name, brand, "drain_auger", price, "24", drain=drain)
    for sku, name, brand, use, price in (
        ("FER-F3-EXPRESS", "Fernox F3 Express central heating cleaner 400 ml", "Fernox", "cleaner", 16.99),
        ("SEN-X400", "Sentinel X400 system restorer", "Sentinel", "cleaner", 17.99),
        ("FER-F1-EXPRESS", "Fernox F1 Express inhibitor 400 ml", "Fernox", "inhibitor", 15.99),
        ("SEN-X100", "Sentinel X100 inhibitor", "Sentinel", "inhibitor", 16.99),
    ):
        yield pl(sku, name, brand, "heating_chemical", price, "24", use=use)


# -- new jobs: garden ---------------------------------------------------------------------------


def garden() -> Iterator[Row]:
    def gd(sku: str, name: str, brand: str, category: str, price: float, **attributes: object) -> Row:
        return row(sku, name, brand, "garden", category, price, "40", **attributes)

    for height, lap, close in ((4, 27.99, 44.99), (5, 31.99, 49.99), (6, 34.99, 54.99)):
        yield gd(f"FG-LAP-6x{height}", f"Forest Garden overlap fence panel 6 x {height} ft", "Forest Garden",
                 "fence_panel", lap, height_ft=height)
        yield gd(f"FG-CLOSE-6x{height}", f"Forest Garden closeboard fence panel 6 x {height} ft", "Forest Garden",
                 "fence_panel", close, height_ft=height)
    for height, timber, concrete in ((6, 12.99, 24.99), (7, 14.99, 27.99), (8, 16.99, 31.99), (9, 19.99, 35.99)):
        yield gd(f"POST-TIM-{height}", f"Pressure-treated timber fence post 75 x 75 mm, {height} ft", "Forest Garden",
                 "fence_post", timber, post="timber", height_ft=height)
        yield gd(f"POST-CON-{height}", f"Concrete slotted fence post, {height} ft", "Supreme Concrete",
                 "fence_post", concrete, post="concrete", height_ft=height)
    yield gd("BC-POSTCRETE-20", "Blue Circle Postcrete 20 kg", "Blue Circle", "postcrete", 7.49)
    yield gd("TAR-POSTFIX-20", "Tarmac post fix 20 kg", "Tarmac", "postcrete", 6.99)
    yield gd("SUP-SPUR-3", "Concrete repair spur 3 ft, with bolts", "Supreme Concrete", "repair_spur", 19.99)
    yield gd("SUP-SPUR-4", "Concrete repair spur 4 ft, with bolts", "Supreme Concrete", "repair_spur", 23.99)
    for sku, name, brand, size, length, price in (  # through a post for a spur's bolts
        ("IRW-AUGER-12-235", "Irwin 12 x 235 mm wood auger bit", "Irwin", 12, 235, 9.99),
        ("BOS-AUGER-12-160", "Bosch 12 x 160 mm wood auger bit", "Bosch", 12, 160, 7.49),
        ("BOS-AUGER-10-160", "Bosch 10 x 160 mm wood auger bit", "Bosch", 10, 160, 6.99),
    ):
        yield gd(sku, name, brand, "auger_bit", price, diameter_mm=size, length_mm=length)
    yield gd("FG-CLIPS-8", "Forest Garden fence panel clips, 8 pack", "Forest Garden", "fence_clips", 4.99)
    yield gd("FENCEMATE-10", "Fencemate panel brackets, 10 pack", "Fencemate", "fence_clips", 6.49)
    yield gd("RON-PRESERVER-1", "Ronseal Ultimate Protection wood preserver 1 L", "Ronseal", "wood_preserver", 14.99)
    yield gd("BAR-PRESERVER-1", "Barrettine Premier wood preserver 1 L", "Barrettine", "wood_preserver", 9.99)
    yield gd("CUP-ENDGRAIN", "Cuprinol end grain wood preserver 500 ml", "Cuprinol", "wood_preserver", 8.49)


# -- new jobs: outdoor clothing, packs and winter kit -----------------------------------------


def outdoor_more() -> Iterator[Row]:
    for sku, name, brand, low, high, price in (
        ("OSP-COVER-S", "Osprey ultralight rain cover S (10-20 L)", "Osprey", 10, 20, 25.0),
        ("OSP-COVER-M", "Osprey ultralight rain cover M (20-35 L)", "Osprey", 20, 35, 27.0),
        ("OSP-COVER-L", "Osprey ultralight rain cover L (30-50 L)", "Osprey", 30, 50, 29.0),
        ("OSP-COVER-XL", "Osprey ultralight rain cover XL (50-75 L)", "Osprey", 50, 75, 32.0),
        ("MW-COVER-35", "Mountain Warehouse rucksack cover 20-35 L", "Mountain Warehouse", 20, 35, 9.99),
        ("MW-COVER-60", "Mountain Warehouse rucksack cover 40-60 L", "Mountain Warehouse", 40, 60, 11.99),
    ):
        yield out(sku, name, brand, "rain_cover", price, "33", fits_min_l=low, fits_max_l=high)
    yield from plain(out, "dry_bag", "33", (
        ("S2S-DRY-SET", "Sea to Summit lightweight dry bag set of 3", "Sea to Summit", 29.99),
        ("EXP-FOLD-3", "Exped Fold drybag set of 3", "Exped", 24.99),
        ("MW-DRY-20", "Mountain Warehouse 20 L dry bag", "Mountain Warehouse", 9.99),
    ))
    for sku, name, brand, hh, price in (
        ("MW-PAKKA-TROUSERS", "Mountain Warehouse Pakka waterproof overtrousers", "Mountain Warehouse", 5000, 19.99),
        ("MW-EXT-TROUSERS", "Mountain Warehouse Extreme waterproof overtrousers", "Mountain Warehouse", 10000, 34.99),
        ("CRA-ASCENT-TROUSERS", "Craghoppers Ascent waterproof trousers", "Craghoppers", 10000, 45.0),
        ("BER-DELUGE-PANTS", "Berghaus Deluge 2.0 overtrousers", "Berghaus", 20000, 60.0),
        ("RAB-DOWNPOUR-PANTS", "Rab Downpour Eco waterproof pants", "Rab", 20000, 75.0),
        ("BER-PACLITE-PANTS", "Berghaus Paclite GORE-TEX overtrousers", "Berghaus", 28000, 130.0),
    ):
        yield out(sku, name, brand, "overtrousers", price, "33", hydrostatic_mm=hh)
    yield from plain(out, "base_layer", "33", (
        ("MW-ISOTHERM", "Mountain Warehouse Isotherm base layer top", "Mountain Warehouse", 14.99),
        ("MW-MERINO", "Mountain Warehouse merino base layer top", "Mountain Warehouse", 34.99),
        ("HH-LIFA", "Helly Hansen Lifa base layer top", "Helly Hansen", 30.0),
        ("ICE-200-OASIS", "Icebreaker 200 Oasis merino top", "Icebreaker", 75.0),
    ))
    for sku, name, brand, warmth, price in (
        ("MW-CAMBER", "Mountain Warehouse Camber fleece", "Mountain Warehouse", 1, 19.99),
        ("RAB-NEXUS", "Rab Nexus fleece", "Rab", 1, 55.0),
        ("BER-PRISM", "Berghaus Prism Polartec fleece", "Berghaus", 2, 45.0),
        ("PAT-R1", "Patagonia R1 fleece", "Patagonia", 2, 110.0),
        ("MW-SEASONS-PADDED", "Mountain Warehouse Seasons padded jacket", "Mountain Warehouse", 3, 59.99),
        ("RAB-MICROLIGHT", "Rab Microlight Alpine down jacket", "Rab", 3, 190.0),
    ):
        yield out(sku, name, brand, "mid_layer", price, "33", warmth=warmth)
    for sku, name, brand, spikes, grade, price in (
        ("KAH-MICROSPIKES", "Kahtoola MICROspikes", "Kahtoola", "microspikes", 0, 65.0),
        ("SNO-CHAINSEN", "Snowline Chainsen Pro traction", "Snowline", "microspikes", 0, 50.0),
        ("YAK-PRO", "Yaktrax Pro ice grips", "Yaktrax", "coils", 0, 34.99),  # steel coils: pavements, not hill ice
        ("GRI-G10-CLASSIC", "Grivel G10 New-Classic C1 crampons", "Grivel", "crampon", 1, 110.0),
        ("STU-UL-UNIVERSAL", "Stubai Ultralight Universal C1 crampons", "Stubai", "crampon", 1, 119.0),
        ("BD-CONTACT-STRAP", "Black Diamond Contact Strap C1 crampons", "Black Diamond", "crampon", 1, 129.95),
        ("GRI-G10-MATIC", "Grivel G10 New-Matic C2 crampons", "Grivel", "crampon", 2, 120.0),
        ("BD-SABRETOOTH", "Black Diamond Sabretooth Pro C2 crampons", "Black Diamond", "crampon", 2, 169.95),
    ):
        yield out(sku, name, brand, "traction", price, "37", spikes=spikes, grade=grade)
    for category, rows in (
        ("ice_axe", (("GRI-NEPAL-58", "Grivel Nepal SA 58 cm walking axe", "Grivel", 90.0),
                     ("PET-GLACIER-60", "Petzl Glacier 60 cm ice axe", "Petzl", 79.95),
                     ("DMM-CIRQUE-60", "DMM Cirque 60 cm ice axe", "DMM", 110.0),
                     ("BD-RAVEN-60", "Black Diamond Raven 60 cm ice axe", "Black Diamond", 84.95))),
        ("helmet", (("PET-BOREO", "Petzl Boreo helmet", "Petzl", 59.95),
                    ("BD-HALFDOME", "Black Diamond Half Dome helmet", "Black Diamond", 54.95))),
        ("winter_gloves", (("EXT-STICKY-WINDY", "Extremities Sticky Windy gloves", "Extremities", 29.99),
                           ("MW-EXT-GLOVES", "Mountain Warehouse Extreme waterproof gloves", "Mountain Warehouse", 24.99),
                           ("MON-PRISM-GLOVES", "Montane Prism gloves", "Montane", 45.0))),
        ("compass", (("SIL-EXP-4", "Silva Expedition 4 compass", "Silva", 45.0),
                     ("SIL-RANGER", "Silva Ranger compass", "Silva", 30.0),
                     ("SUU-A30", "Suunto A-30 compass", "Suunto", 24.99))),
    ):
        yield from plain(out, category, "37", rows)
    for sku, name, brand, people, price in (("TN-BOTHY-2", "Terra Nova Bothy 2 emergency shelter", "Terra Nova", 2, 49.99),
                                           ("TN-BOTHY-4", "Terra Nova Bothy 4 emergency shelter", "Terra Nova", 4, 69.99),
                                           ("LIFE-SURVIVAL", "Lifesystems survival bag", "Lifesystems", 1, 8.99)):
        yield out(sku, name, brand, "bothy_bag", price, "37", capacity=people)


def products() -> List[Row]:
    makers = (drill_bits, power_drills, wall_plugs, frame_fixings, cavity_fixings, screws,
              hanging, tv_brackets, cables, repair, painting, walking, camping, windows_doors,
              draughts_alarms, paper_floors, plumbing, garden, outdoor_more)
    found = [r for make in makers for r in make()]
    skus = [r["sku"] for r in found]
    assert len(skus) == len(set(skus)), sorted({s for s in skus if skus.count(s) > 1})
    return found


def main() -> None:
    rows = products()
    with open(OUT, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} products written to {OUT}")


if __name__ == "__main__":
    main()
