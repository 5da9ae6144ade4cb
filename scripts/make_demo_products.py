"""Write bot/demo/products.csv: the demo shop's products, from the product lines below.

    .venv/bin/python scripts/make_demo_products.py

The CSV is committed; this script is how it was made, so a change to a product line is
a reviewable diff here and a regenerated file there. Sizes, ratings and prices follow
real products of the brands named (UK high-street prices, late 2026).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path
from typing import Dict, Iterator, List

OUT = Path(__file__).resolve().parent.parent / "bot" / "demo" / "products.csv"
COLUMNS = ["sku", "name", "brand", "department", "category", "price", "stock", "aisle",
           "attributes"]
rng = random.Random(2026)
Row = Dict[str, str]
# Deliberately out of stock, so that bundles name substitutes (the cheapest that fits).
OUT_OF_STOCK = {"RP-RED-24", "BD-TRAILBACK", "HI-PIN-10-4", "BOS-MAS-6", "CRN-BATH-25"}


def row(sku: str, name: str, brand: str, department: str, category: str, price: float,
        aisle: str, **attributes: object) -> Row:
    sku = sku.replace(".", "_")
    stock = 0 if sku in OUT_OF_STOCK else rng.choice([6, 9, 12, 18, 24, 31, 40, 55])
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


def drill_bits() -> Iterator[Row]:
    lengths = {4: 75, 5: 85, 5.5: 85, 6: 100, 7: 100, 8: 120, 10: 120, 12: 150}
    for brand, code, factor in (("Bosch", "BOS", 1.0), ("DeWalt", "DEW", 1.2), ("Makita", "MAK", 1.1)):
        for size, length in lengths.items():
            yield row(f"{code}-MAS-{mm(size)}", f"{brand} {mm(size)} mm masonry drill bit",
                      brand, "hardware", "drill_bit", (1.6 + 0.32 * size) * factor, "12",
                      material="masonry", diameter_mm=size, length_mm=length)
    for brand, code in (("Bosch", "BOS"), ("DeWalt", "DEW")):
        for size in (8, 10, 12, 14):
            for length in (400, 600):
                yield row(f"{code}-INS-{size}-{length}",
                          f"{brand} {size} x {length} mm long masonry bit (installer)", brand,
                          "hardware", "drill_bit", 6.5 + 0.5 * size + length / 100, "12",
                          material="masonry", diameter_mm=size, length_mm=length)
    for brand, code, factor in (("Bosch", "BOS", 1.0), ("Irwin", "IRW", 0.9)):
        for size in (2, 2.5, 3, 3.5, 4, 5, 6, 8, 10, 12):
            yield row(f"{code}-WD-{mm(size)}", f"{brand} {mm(size)} mm wood drill bit", brand,
                      "hardware", "drill_bit", (1.1 + 0.28 * size) * factor, "12",
                      material="wood", diameter_mm=size, length_mm=int(50 + 8 * size))
    for size in (8, 10, 12):
        for length in (300, 450):
            yield row(f"IRW-AUG-{size}-{length}", f"Irwin {size} x {length} mm wood auger bit",
                      "Irwin", "hardware", "drill_bit", 8 + 0.4 * size + length / 100, "12",
                      material="wood", diameter_mm=size, length_mm=length)
    for brand, code in (("Bosch", "BOS"), ("Dormer", "DOR")):
        for size in (2, 3, 4, 5, 6, 8, 10):
            yield row(f"{code}-HSS-{size}", f"{brand} {size} mm HSS metal drill bit", brand,
                      "hardware", "drill_bit", 1.5 + 0.45 * size, "12",
                      material="metal", diameter_mm=size, length_mm=int(50 + 9 * size))
    for size in (4, 5, 6, 8, 10, 12):
        yield row(f"BOS-MULTI-{size}", f"Bosch CYL-9 {size} mm multi-material drill bit",
                  "Bosch", "hardware", "drill_bit", 3.2 + 0.55 * size, "12",
                  material="multi", diameter_mm=size, length_mm=int(85 + 6 * size))
    for size in (5, 6, 8, 10):
        yield row(f"BOS-TILE-{size}", f"Bosch {size} mm tile and glass drill bit", "Bosch",
                  "hardware", "drill_bit", 3.9 + 0.5 * size, "12",
                  material="tile", diameter_mm=size, length_mm=int(70 + 5 * size))


def power_drills() -> Iterator[Row]:
    for sku, name, brand, price in (
        ("BOS-UNIDRIVE", "Bosch UniversalDrill 18V drill driver", "Bosch", 89.0),
        ("BOS-PSB1800", "Bosch PSB 1800 LI-2 18V combi drill", "Bosch", 109.0),
        ("DEW-DCD778", "DeWalt DCD778 18V combi drill", "DeWalt", 149.0),
        ("MAK-HP457", "Makita HP457D 18V combi drill", "Makita", 99.0),
        ("RYO-R18PD3", "Ryobi R18PD3 18V ONE+ combi drill", "Ryobi", 79.0),
        ("BOS-PBH2100", "Bosch PBH 2100 RE corded hammer drill", "Bosch", 84.0),
        ("DEW-DWD024", "DeWalt DWD024 corded percussion drill", "DeWalt", 69.0),
        ("BD-BDCDD12", "Black+Decker 12V drill driver", "Black+Decker", 39.0),
    ):
        yield row(sku, name, brand, "hardware", "power_drill", price, "11")


def fixings() -> Iterator[Row]:
    plugs = (  # sku, name, brand, diameter, screw range, length, load (kg, as a set), pieces, price
        ("RP-YEL-24", "Rawlplug yellow 5 mm wall plugs, 24 pack", "Rawlplug", 5, 3.0, 4.0, 25, 6, 24, 1.29),
        ("RP-YEL-96", "Rawlplug yellow 5 mm wall plugs, 96 pack", "Rawlplug", 5, 3.0, 4.0, 25, 6, 96, 3.49),
        ("RP-RED-24", "Rawlplug red 6 mm wall plugs, 24 pack", "Rawlplug", 6, 3.5, 5.0, 30, 15, 24, 1.49),
        ("RP-RED-96", "Rawlplug red 6 mm wall plugs, 96 pack", "Rawlplug", 6, 3.5, 5.0, 30, 15, 96, 3.99),
        ("RP-BRN-24", "Rawlplug brown 7 mm wall plugs, 24 pack", "Rawlplug", 7, 4.5, 6.0, 35, 25, 24, 1.79),
        ("RP-BRN-80", "Rawlplug brown 7 mm wall plugs, 80 pack", "Rawlplug", 7, 4.5, 6.0, 35, 25, 80, 4.49),
        ("FIS-SX6-50", "Fischer SX 6 x 30 nylon plugs, 50 pack", "Fischer", 6, 3.5, 5.0, 30, 18, 50, 3.29),
        ("FIS-SX8-25", "Fischer SX 8 x 40 nylon plugs, 25 pack", "Fischer", 8, 4.5, 6.0, 40, 35, 25, 3.79),
        ("FIS-SX10-20", "Fischer SX 10 x 50 nylon plugs, 20 pack", "Fischer", 10, 6.0, 8.0, 50, 50, 20, 4.79),
        ("FIS-DP6-10", "Fischer DuoPower 6 x 30 plugs, 10 pack", "Fischer", 6, 3.5, 5.0, 30, 22, 10, 2.99),
        ("FIS-DP8-10", "Fischer DuoPower 8 x 40 plugs, 10 pack", "Fischer", 8, 4.5, 6.0, 40, 40, 10, 3.59),
        ("FIS-DP10-10", "Fischer DuoPower 10 x 50 plugs, 10 pack", "Fischer", 10, 6.0, 8.0, 50, 60, 10, 4.49),
        ("FIS-SXRL10-4", "Fischer SXRL 10 x 80 frame fixings, 4 pack", "Fischer", 10, 7.0, 7.5, 80, 80, 4, 5.99),
    )
    for sku, name, brand, d, lo, hi, length, load, pieces, price in plugs:
        yield row(sku, name, brand, "hardware", "wall_plug", price, "13", material="nylon",
                  diameter_mm=d, screw_min_mm=lo, screw_max_mm=hi, length_mm=length,
                  load_kg=load, pieces=pieces)
    cavity = (  # sku, name, brand, hole, load, pieces, price
        ("RP-HWA-M4-10", "Rawlplug M4 hollow wall anchors, 10 pack", "Rawlplug", 8, 15, 10, 4.49),
        ("RP-HWA-M5-10", "Rawlplug M5 hollow wall anchors, 10 pack", "Rawlplug", 10, 22, 10, 5.49),
        ("RP-HWA-M6-4", "Rawlplug M6 hollow wall anchors, 4 pack", "Rawlplug", 12, 30, 4, 4.29),
        ("FIS-DT10-4", "Fischer DuoTec 10 plasterboard fixings, 4 pack", "Fischer", 10, 25, 4, 5.79),
        ("FIS-DT12-4", "Fischer DuoTec 12 plasterboard fixings, 4 pack", "Fischer", 12, 40, 4, 7.49),
        ("RP-SPT-M5-4", "Rawlplug M5 spring toggles, 4 pack", "Rawlplug", 12, 20, 4, 3.29),
        ("COR-HD-4", "Corefix heavy-duty plasterboard fixings, 4 pack", "Corefix", 12, 50, 4, 9.99),
        ("FIS-UX8-20", "Fischer UX 8 universal plugs, 20 pack", "Fischer", 8, 10, 20, 3.99),
    )
    for sku, name, brand, hole, load, pieces, price in cavity:
        yield row(sku, name, brand, "hardware", "cavity_fixing", price, "13", hole_mm=hole,
                  load_kg=load, pieces=pieces)
    pilot = {3.0: 2, 3.5: 2, 4.0: 2.5, 4.5: 3, 5.0: 3, 6.0: 3.5}
    for brand, code, pack, factor in (("Spax", "SPX", 100, 1.25), ("TurboGold", "TG", 200, 1.0)):
        for d, lengths in ((3.0, (16, 20, 25)), (3.5, (25, 30, 40)), (4.0, (30, 40, 50)),
                           (4.5, (40, 50)), (5.0, (40, 50, 60, 70)), (6.0, (60, 80))):
            for length in lengths:
                yield row(f"{code}-{mm(d)}x{length}",
                          f"{brand} {mm(d)} x {length} mm wood screws, {pack} pack", brand,
                          "hardware", "screw", (2.2 + 0.5 * d + length / 40) * factor, "13",
                          diameter_mm=d, length_mm=length, pilot_mm=pilot[d], pieces=pack)
    for d, length, p, price in ((6, 60, 4, 3.49), (8, 60, 5, 3.99), (8, 80, 5, 4.49), (10, 100, 6, 5.99)):
        yield row(f"TIM-COACH-{d}x{length}", f"TIMco {d} x {length} mm coach screws, 10 pack",
                  "TIMco", "hardware", "screw", price, "13", diameter_mm=d, length_mm=length,
                  pilot_mm=p, pieces=10)


def hooks_brackets_levels() -> Iterator[Row]:
    for sku, name, brand, load, pieces, price in (
        ("HI-PIN-5-4", "Hillman single-pin picture hooks 5 kg, 4 pack", "Hillman", 5, 4, 1.49),
        ("HI-PIN-10-4", "Hillman double-pin picture hooks 10 kg, 4 pack", "Hillman", 10, 4, 1.99),
        ("HI-PIN-10-8", "Hillman double-pin picture hooks 10 kg, 8 pack", "Hillman", 10, 8, 3.29),
        ("HI-PIN-20-2", "Hillman triple-pin picture hooks 20 kg, 2 pack", "Hillman", 20, 2, 2.49),
        ("SEC-HOOK-15-4", "Securit brass picture hooks 15 kg, 4 pack", "Securit", 15, 4, 3.49),
        ("SEC-MIRROR-40-2", "Securit heavy-duty mirror hangers 40 kg, 2 pack", "Securit", 40, 2, 5.99),
        ("HANGIT-25-2", "Hang-It picture hangers 25 kg, 2 pack", "Hang-It", 25, 2, 3.99),
        ("HANGIT-45-2", "Hang-It heavy mirror hangers 45 kg, 2 pack", "Hang-It", 45, 2, 6.99),
        ("CMD-L-4", "3M Command large picture hooks 2 kg, 4 pack", "3M Command", 2, 4, 5.49),
        ("HI-PIN-3-6", "Hillman brass pin hooks 3 kg, 6 pack", "Hillman", 3, 6, 1.29),
    ):
        yield row(sku, name, brand, "hardware", "picture_hook", price, "14", load_kg=load,
                  pieces=pieces)
    for brand, code, factor in (("Rothley", "ROT", 1.3), ("Duraline", "DUR", 1.0)):
        for size, load in ((150, 10), (200, 20), (250, 35), (300, 50), (350, 80)):
            yield row(f"{code}-BRK-{size}", f"{brand} {size} mm steel shelf bracket ({load} kg)",
                      brand, "hardware", "shelf_bracket", (2.0 + size / 60 + load / 25) * factor,
                      "15", load_kg=load)
    for sku, name, brand, price in (
        ("STA-LVL-600", "Stanley 600 mm spirit level", "Stanley", 9.99),
        ("STA-LVL-1200", "Stanley 1200 mm spirit level", "Stanley", 16.99),
        ("STB-LVL-400", "Stabila 400 mm spirit level", "Stabila", 21.99),
        ("FAT-TORPEDO", "Fat Max torpedo level 230 mm", "Stanley", 7.99),
    ):
        yield row(sku, name, brand, "hardware", "spirit_level", price, "15")


def tv_brackets() -> Iterator[Row]:
    kinds = {
        "fixed": ((13, 42, 25), (23, 55, 35), (32, 65, 50), (37, 80, 60), (40, 85, 75)),
        "tilt": ((13, 42, 25), (26, 55, 35), (32, 70, 50), (40, 85, 60)),
        "full_motion": ((13, 42, 20), (26, 55, 30), (32, 65, 45), (37, 80, 50)),
    }
    names = {"fixed": "fixed", "tilt": "tilting", "full_motion": "full-motion"}
    for brand, code, factor in (("Vogel's", "VOG", 1.6), ("One For All", "OFA", 1.0)):
        for kind, sizes in kinds.items():
            base = {"fixed": 14, "tilt": 19, "full_motion": 29}[kind]
            for low, high, load in sizes:
                yield row(f"{code}-{kind[:4].upper()}-{low}-{high}",
                          f"{brand} {names[kind]} TV bracket {low}-{high} inch ({load} kg)", brand,
                          "hardware", "tv_bracket", (base + high / 3) * factor, "16",
                          min_inch=low, max_inch=high, mount_type=kind, load_kg=load)


def cables() -> Iterator[Row]:
    for hole in (8, 10, 12):
        for brand, code, price in (("D-Line", "DL", 2.49), ("Schneider", "SCH", 1.99)):
            yield row(f"{code}-GROM-{hole}", f"{brand} {hole} mm cable grommets, 4 pack", brand,
                      "hardware", "cable_grommet", price + hole / 20, "17", hole_mm=hole)
    for sku, name, brand, price in (
        ("TOW-CLIP-5", "Tower 5 mm round cable clips, 100 pack", "Tower", 2.29),
        ("TOW-CLIP-7", "Tower 7 mm round cable clips, 100 pack", "Tower", 2.49),
        ("TOW-CLIP-10", "Tower 10 mm round cable clips, 100 pack", "Tower", 2.79),
        ("DL-ADH-CLIP", "D-Line adhesive cable clips, 20 pack", "D-Line", 4.99),
    ):
        yield row(sku, name, brand, "hardware", "cable_clip", price, "17")


def repair() -> Iterator[Row]:
    for sku, name, brand, max_hole, price in (
        ("PF-RM-330", "Polyfilla ready mixed filler 330 g", "Polyfilla", 10, 4.49),
        ("EVB-1STRIKE", "Everbuild One Strike filler 250 ml", "Everbuild", 10, 3.99),
        ("PF-MP-1KG", "Polyfilla multi-purpose powder filler 1 kg", "Polyfilla", 50, 5.49),
        ("NN-DEEP-600", "No Nonsense deep gap filler 600 g", "No Nonsense", 50, 4.29),
        ("TOU-DEEP-1KG", "Toupret deep repair filler 1 kg", "Toupret", 150, 8.99),
        ("PF-DEEP-1KG", "Polyfilla deep gaps filler 1 kg", "Polyfilla", 150, 9.49),
    ):
        yield row(sku, name, brand, "hardware", "filler", price, "18", max_hole_mm=max_hole)
    for sku, name, brand, max_hole, price in (
        ("RON-WF-MP", "Ronseal multi-purpose wood filler 325 g", "Ronseal", 10, 6.49),
        ("RON-WF-HP", "Ronseal high performance wood filler 550 g", "Ronseal", 50, 12.99),
        ("EVB-WF-2P", "Everbuild two-part wood filler 500 g", "Everbuild", 150, 14.49),
    ):
        yield row(sku, name, brand, "hardware", "wood_filler", price, "18", max_hole_mm=max_hole)
    for sku, name, brand, max_hole, price in (
        ("PF-PATCH-100", "Polyfilla plasterboard patch 100 x 100 mm", "Polyfilla", 100, 5.99),
        ("PF-PATCH-150", "Polyfilla plasterboard patch 150 x 150 mm", "Polyfilla", 150, 6.99),
        ("GYP-PATCH-200", "Gyproc plasterboard repair kit 200 mm", "Gyproc", 200, 9.49),
    ):
        yield row(sku, name, brand, "hardware", "plasterboard_patch", price, "18",
                  max_hole_mm=max_hole)
    for sku, name, brand, price in (
        ("HAR-FK-50", "Harris 50 mm filling knife", "Harris", 3.49),
        ("HAR-FK-75", "Harris 75 mm flexible filling knife", "Harris", 4.49),
        ("STA-FK-100", "Stanley 100 mm filling knife", "Stanley", 5.99),
    ):
        yield row(sku, name, brand, "hardware", "filling_knife", price, "18")
    for sku, name, brand, price in (
        ("HAR-SP-MIX", "Harris mixed-grit sandpaper, 10 sheets", "Harris", 3.99),
        ("3M-SP-120", "3M 120 grit sandpaper, 5 sheets", "3M", 3.49),
        ("3M-SPONGE", "3M sanding sponge, medium", "3M", 2.99),
        ("STA-SP-BLOCK", "Stanley sanding block with paper", "Stanley", 5.49),
    ):
        yield row(sku, name, brand, "hardware", "sandpaper", price, "18")


def painting() -> Iterator[Row]:
    paints = (  # sku, name, brand, surface, finish, moisture, litres, price
        ("DLX-MATT-25", "Dulux matt emulsion pure brilliant white 2.5 L", "Dulux", "walls", "matt", False, 2.5, 19.0),
        ("DLX-MATT-5", "Dulux matt emulsion pure brilliant white 5 L", "Dulux", "walls", "matt", False, 5, 32.0),
        ("CRN-MATT-25", "Crown matt emulsion white 2.5 L", "Crown", "walls", "matt", False, 2.5, 17.0),
        ("CRN-MATT-5", "Crown matt emulsion white 5 L", "Crown", "walls", "matt", False, 5, 28.0),
        ("VAL-MATT-25", "Valspar matt wall paint 2.5 L", "Valspar", "walls", "matt", False, 2.5, 24.0),
        ("DLX-SILK-25", "Dulux silk emulsion 2.5 L", "Dulux", "walls", "silk", False, 2.5, 21.0),
        ("JOH-MATT-10", "Johnstone's contract matt 10 L", "Johnstone's", "walls", "matt", False, 10, 45.0),
        ("DLX-KIT-25", "Dulux Kitchen+ matt 2.5 L", "Dulux", "walls", "matt", True, 2.5, 27.0),
        ("DLX-BATH-25", "Dulux Bathroom+ soft sheen 2.5 L", "Dulux", "walls", "soft sheen", True, 2.5, 28.0),
        ("CRN-BATH-25", "Crown bathroom mid sheen 2.5 L", "Crown", "walls", "mid sheen", True, 2.5, 23.0),
        ("CRN-KIT-25", "Crown kitchen matt 2.5 L", "Crown", "walls", "matt", True, 2.5, 24.0),
        ("DLX-CEIL-25", "Dulux ceiling matt white 2.5 L", "Dulux", "ceiling", "matt", False, 2.5, 18.0),
        ("DLX-CEIL-5", "Dulux ceiling matt white 5 L", "Dulux", "ceiling", "matt", False, 5, 30.0),
        ("CRN-CEIL-5", "Crown ceiling paint 5 L", "Crown", "ceiling", "matt", False, 5, 27.0),
        ("RON-ANTI-CEIL", "Ronseal anti-mould ceiling paint 2.5 L", "Ronseal", "ceiling", "matt", True, 2.5, 26.0),
        ("ZIN-PERM-CEIL", "Zinsser Perma-White mould-resistant 2.5 L", "Zinsser", "ceiling", "matt", True, 2.5, 39.0),
        ("DLX-GLOSS-075", "Dulux gloss white 750 ml", "Dulux", "woodwork", "gloss", False, 0.75, 14.0),
        ("DLX-GLOSS-25", "Dulux gloss white 2.5 L", "Dulux", "woodwork", "gloss", False, 2.5, 32.0),
        ("CRN-SATIN-075", "Crown satinwood white 750 ml", "Crown", "woodwork", "satin", False, 0.75, 13.0),
        ("DLX-QDS-075", "Dulux quick dry satinwood 750 ml", "Dulux", "woodwork", "satin", True, 0.75, 17.0),
        ("DLX-QDS-25", "Dulux quick dry satinwood 2.5 L", "Dulux", "woodwork", "satin", True, 2.5, 38.0),
        ("ZIN-ALLCOAT-1", "Zinsser AllCoat satin 1 L", "Zinsser", "woodwork", "satin", True, 1, 24.0),
    )
    for sku, name, brand, surface, finish, moist, litres, price in paints:
        yield row(sku, name, brand, "hardware", "paint", price, "20", surface=surface,
                  finish=finish.replace(" ", "_"), moisture_resistant=moist, volume_l=litres)
    for sku, name, brand, price in (
        ("HAR-ROLL-9", "Harris 9 inch roller and tray set", "Harris", 9.99),
        ("HAR-ROLL-12", "Harris 12 inch roller kit with extension pole", "Harris", 19.99),
        ("PUR-ROLL-9", "Purdy 9 inch roller frame and sleeve", "Purdy", 14.99),
        ("FIT-ROLL-4", "Fit For The Job 4 inch mini roller set", "Fit For The Job", 4.99),
    ):
        yield row(sku, name, brand, "hardware", "paint_roller", price, "21")
    for sku, name, brand, price in (
        ("HAR-BR-1", "Harris 1 inch paint brush", "Harris", 2.99),
        ("HAR-BR-SET5", "Harris paint brush set of 5", "Harris", 9.99),
        ("PUR-BR-2", "Purdy 2 inch angled brush", "Purdy", 12.99),
        ("HAM-BR-15", "Hamilton 1.5 inch brush", "Hamilton", 5.49),
        ("HAR-BR-CUT", "Harris cutting-in brush", "Harris", 4.99),
    ):
        yield row(sku, name, brand, "hardware", "paint_brush", price, "21")
    for sku, name, brand, price in (
        ("FROG-TAPE-24", "FrogTape multi-surface 24 mm x 41 m", "FrogTape", 7.49),
        ("3M-TAPE-25", "3M ScotchBlue masking tape 25 mm", "3M", 5.99),
        ("HAR-TAPE-25", "Harris masking tape 25 mm x 50 m", "Harris", 2.99),
        ("TES-TAPE-38", "Tesa precision masking tape 38 mm", "Tesa", 4.49),
    ):
        yield row(sku, name, brand, "hardware", "masking_tape", price, "21")
    for sku, name, brand, price in (
        ("HAR-SHEET-CTN", "Harris cotton twill dust sheet 12 x 9 ft", "Harris", 11.99),
        ("HAR-SHEET-PLS", "Harris polythene dust sheet 12 x 9 ft", "Harris", 2.49),
        ("FIT-SHEET-3", "Fit For The Job dust sheets, 3 pack", "Fit For The Job", 6.99),
    ):
        yield row(sku, name, brand, "hardware", "dust_sheet", price, "21")


def outdoor() -> Iterator[Row]:
    for sku, name, brand, lock, price in (
        ("BD-TRAILBACK", "Black Diamond Trail Back trekking poles", "Black Diamond", "lever", 54.95),
        ("BD-TRAIL", "Black Diamond Trail trekking poles", "Black Diamond", "lever", 89.95),
        ("LEKI-MAKALU", "Leki Makalu FX Carbon trekking poles", "Leki", "lever", 139.0),
        ("LEKI-SHERPA", "Leki Sherpa trekking poles", "Leki", "lever", 79.0),
        ("MW-CLIP", "Mountain Warehouse clip-lock walking poles", "Mountain Warehouse", "lever", 59.99),
        ("LEKI-LEGACY", "Leki Legacy twist-lock trekking poles", "Leki", "twist", 45.0),
        ("KOMP-TWIST", "Komperdell twist-lock trekking poles", "Komperdell", "twist", 39.0),
        ("MW-TWIST", "Mountain Warehouse twist-lock walking poles", "Mountain Warehouse", "twist", 24.99),
        ("VANGO-TWIST", "Vango twist-lock trekking poles", "Vango", "twist", 19.99),
        ("HEL-PASSPORT", "Helinox Passport push-button poles", "Helinox", "push_button", 119.0),
    ):
        yield row(sku, name, brand, "outdoor", "trekking_poles", price, "30", lock=lock)
    for sku, name, brand, waterproof, price in (
        ("MER-MOAB3", "Merrell Moab 3 walking boots", "Merrell", False, 110.0),
        ("MER-MOAB3-GTX", "Merrell Moab 3 GORE-TEX walking boots", "Merrell", True, 135.0),
        ("SAL-XU4-GTX", "Salomon X Ultra 4 Mid GORE-TEX boots", "Salomon", True, 150.0),
        ("SCA-ZG-GTX", "Scarpa ZG Trek GTX boots", "Scarpa", True, 199.0),
        ("KAR-BODMIN", "Karrimor Bodmin Mid 5 walking boots", "Karrimor", False, 45.0),
        ("BER-HILL-WP", "Berghaus Hillwalker II waterproof boots", "Berghaus", True, 99.0),
        ("HIT-RAVUS", "Hi-Tec Ravus Mid walking boots", "Hi-Tec", False, 40.0),
        ("SAL-XU4", "Salomon X Ultra 4 Mid boots", "Salomon", False, 120.0),
        ("MW-EXT-WP", "Mountain Warehouse Extreme waterproof boots", "Mountain Warehouse", True, 79.99),
    ):
        yield row(sku, name, brand, "outdoor", "hiking_boots", price, "31", waterproof=waterproof)
    for sku, name, brand, price in (
        ("BER-YETI", "Berghaus Yeti gaiters", "Berghaus", 55.0),
        ("RAB-LATOK", "Rab Latok gaiters", "Rab", 45.0),
        ("MW-GAITER", "Mountain Warehouse waterproof gaiters", "Mountain Warehouse", 14.99),
        ("OR-ROCKY", "Outdoor Research Rocky Mountain gaiters", "Outdoor Research", 39.0),
    ):
        yield row(sku, name, brand, "outdoor", "gaiters", price, "31")
    for sku, name, brand, litres, price in (
        ("CB-CRUX-2", "CamelBak Crux 2 L reservoir", "CamelBak", 2, 35.0),
        ("CB-CRUX-3", "CamelBak Crux 3 L reservoir", "CamelBak", 3, 39.0),
        ("OSP-HYD-25", "Osprey Hydraulics 2.5 L reservoir", "Osprey", 2.5, 37.0),
        ("OSP-HYD-3", "Osprey Hydraulics 3 L reservoir", "Osprey", 3, 40.0),
        ("PLAT-BIG-2", "Platypus Big Zip 2 L reservoir", "Platypus", 2, 29.0),
        ("CB-CHUTE-1", "CamelBak Chute 1 L bottle", "CamelBak", 1, 16.0),
        ("NAL-1", "Nalgene 1 L wide-mouth bottle", "Nalgene", 1, 14.0),
        ("SOU-3", "Source WXP 3 L hydration system", "Source", 3, 34.0),
    ):
        yield row(sku, name, brand, "outdoor", "hydration", price, "32", volume_l=litres)
    for sku, name, brand, price in (
        ("SAW-SQUEEZE", "Sawyer Squeeze water filter", "Sawyer", 39.0),
        ("KAT-BEFREE", "Katadyn BeFree 0.6 L filter bottle", "Katadyn", 42.0),
        ("LIFESTRAW", "LifeStraw personal water filter", "LifeStraw", 19.99),
        ("MSR-GUARD", "MSR Guardian purifier", "MSR", 329.0),
    ):
        yield row(sku, name, brand, "outdoor", "water_filter", price, "32")
    for sku, name, brand, cap, seasons, price in (
        ("VAN-SOUL-200", "Vango Soul 200 tent", "Vango", 2, 2, 89.0),
        ("VAN-BAN-200", "Vango Banshee Pro 200 tent", "Vango", 2, 3, 199.0),
        ("MSR-HUBBA-2", "MSR Hubba Hubba 2 tent", "MSR", 2, 3, 499.0),
        ("COL-DARWIN-4", "Coleman Darwin 4 tent", "Coleman", 4, 2, 129.0),
        ("VAN-SKYE-400", "Vango Skye 400 tent", "Vango", 4, 3, 299.0),
        ("TN-LASER-1", "Terra Nova Laser Compact 1 tent", "Terra Nova", 1, 3, 449.0),
        ("VAN-F10-1", "Vango F10 Nitro Lite 1 tent", "Vango", 1, 3, 279.0),
        ("MW-BACK-1", "Mountain Warehouse Backpacker 1 tent", "Mountain Warehouse", 1, 2, 59.99),
        ("VAN-NEM-2", "Vango Nemesis Pro 200 tent", "Vango", 2, 4, 399.0),
        ("TN-SX-2", "Terra Nova Southern Cross 2 tent", "Terra Nova", 2, 4, 649.0),
        ("MSR-ACCESS-1", "MSR Access 1 winter tent", "MSR", 1, 4, 579.0),
        ("VAN-MIR-400", "Vango Mirage Pro 400 tent", "Vango", 4, 4, 549.0),
        ("COL-COAST-4", "Coleman Coastline 4 tent", "Coleman", 4, 2, 99.0),
        ("VAN-TEMPEST-200", "Vango Tempest Pro 200 tent", "Vango", 2, 3, 229.0),
    ):
        yield row(sku, name, brand, "outdoor", "tent", price, "33", capacity=cap, seasons=seasons)
    for sku, name, brand, comfort, price in (
        ("SNUG-TRAVEL-2", "Snugpak Travelpak 2 sleeping bag", "Snugpak", 7, 45.0),
        ("VAN-ATLAS-250", "Vango Atlas 250 sleeping bag", "Vango", 10, 39.0),
        ("MW-SUMMIT-250", "Mountain Warehouse Summit 250 sleeping bag", "Mountain Warehouse", 9, 34.99),
        ("VAN-NITE-350", "Vango Nitestar Alpha 350 sleeping bag", "Vango", -1, 69.0),
        ("SNUG-SOFTIE-9", "Snugpak Softie 9 Hawk sleeping bag", "Snugpak", -2, 109.0),
        ("RAB-ASC-700", "Rab Ascent 700 down sleeping bag", "Rab", -3, 249.0),
        ("RAB-NEU-800", "Rab Neutrino Pro 800 sleeping bag", "Rab", -11, 499.0),
        ("ME-GLACIER", "Mountain Equipment Glacier 1000 sleeping bag", "Mountain Equipment", -12, 449.0),
        ("SNUG-ANTARC", "Snugpak Softie Elite 5 sleeping bag", "Snugpak", -10, 219.0),
        ("COL-COSY", "Coleman Kompact 15 sleeping bag", "Coleman", 15, 24.99),
        ("VAN-VOYAGE", "Vango Voyager 300 sleeping bag", "Vango", 4, 54.0),
        ("MW-MICRO-350", "Mountain Warehouse Microlite 350 sleeping bag", "Mountain Warehouse", 2, 44.99),
    ):
        yield row(sku, name, brand, "outdoor", "sleeping_bag", price, "34", comfort_c=comfort)
    for sku, name, brand, r_value, price in (
        ("MW-FOAM", "Mountain Warehouse foam roll mat", "Mountain Warehouse", 1.2, 9.99),
        ("TR-ZLITE", "Therm-a-Rest Z Lite Sol mat", "Therm-a-Rest", 2.0, 49.0),
        ("EXP-ULTRA-3R", "Exped Ultra 3R mat", "Exped", 2.9, 129.0),
        ("TR-NEO-XLITE", "Therm-a-Rest NeoAir XLite NXT mat", "Therm-a-Rest", 4.5, 199.0),
        ("EXP-DOWN-7", "Exped DownMat 7 mat", "Exped", 5.9, 169.0),
        ("VAN-AETHER", "Vango Aether 5 self-inflating mat", "Vango", 2.6, 49.0),
        ("SEA-ETHER", "Sea to Summit Ether Light XT mat", "Sea to Summit", 3.2, 159.0),
        ("MW-SELF-5", "Mountain Warehouse self-inflating mat 5 cm", "Mountain Warehouse", 1.8, 29.99),
    ):
        yield row(sku, name, brand, "outdoor", "sleeping_mat", price, "34", r_value=r_value)
    for sku, name, brand, price in (
        ("PET-TIKKINA", "Petzl Tikkina head torch", "Petzl", 19.99),
        ("PET-ACTIK", "Petzl Actik Core head torch", "Petzl", 54.99),
        ("BD-SPOT", "Black Diamond Spot 400 head torch", "Black Diamond", 44.99),
        ("LED-MH5", "Ledlenser MH5 head torch", "Ledlenser", 39.99),
        ("MW-TORCH", "Mountain Warehouse Brightest head torch", "Mountain Warehouse", 14.99),
    ):
        yield row(sku, name, brand, "outdoor", "head_torch", price, "35")


def products() -> List[Row]:
    makers = (drill_bits, power_drills, fixings, hooks_brackets_levels, tv_brackets, cables,
              repair, painting, outdoor)
    return [r for make in makers for r in make()]


def main() -> None:
    rows = products()
    with open(OUT, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} products written to {OUT}")


if __name__ == "__main__":
    main()
