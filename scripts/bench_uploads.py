"""Time the upload gate on hostile images: how long a refusal (or an acceptance) costs.

    DJANGO_DEBUG=1 .venv/bin/python scripts/bench_uploads.py [--repeat 5]

Each case goes through ``images.gate.clean_image``, the function every upload path calls
(featured image, gallery bulk upload, author photo, the editor's upload button). Prints the
file size, the outcome and the median and worst time of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django

django.setup()

from django.core.exceptions import ValidationError  # noqa: E402

from images.gate import clean_image  # noqa: E402
from tests.conftest import (  # noqa: E402
    animation_bytes,
    image_bytes,
    many_frame_gif,
    many_scan_jpeg,
    png_bomb,
    upload,
)


def cases() -> dict[str, bytes]:
    return {
        "GIF, 20,000 one-pixel frames (the report's file)": many_frame_gif(20_000),
        "GIF, 200 one-pixel frames (at the frame limit)": many_frame_gif(200),
        "GIF, 200 frames of 440x440 (at both limits)": animation_bytes("GIF", 200, (440, 440)),
        "APNG, 5,000 frames": animation_bytes("PNG", 5_000),
        "WebP, 5,000 frames": animation_bytes("WEBP", 5_000),
        "JPEG, 2,000 progressive scans": many_scan_jpeg(2_000),
        "PNG, 20000x20000 (decompression bomb)": png_bomb(20_000, 20_000),
        "JPEG, 4000x3000 photo": image_bytes("JPEG", (4000, 3000)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{'case':52} {'size':>9}  {'outcome':16} {'median':>9} {'worst':>9}")
    for name, data in cases().items():
        times, outcome = [], ""
        for _ in range(args.repeat):
            start = time.perf_counter()
            try:
                clean_image(upload(data, name="upload.bin"))
                outcome = "accepted"
            except ValidationError as error:
                outcome = f"refused: {error.code}"
            times.append(time.perf_counter() - start)
        print(
            f"{name:52} {len(data) / 1024:7.0f}KB  {outcome:16} "
            f"{statistics.median(times) * 1000:7.1f}ms {max(times) * 1000:7.1f}ms"
        )


if __name__ == "__main__":
    main()
