"""Makes the still-image test inputs and PIL's convert("RGB") of each (Pillow 9.4.0, the golden data's).

Run from this folder with the golden chelsea.png: python3 make_images.py PATH/TO/chelsea.png
Writes <name>.<ext> and expected.json {name: {"file", "width", "height", "mode", "sha256"}} where sha256 is that
of PIL's Image.open(file).convert("RGB").tobytes() (uint8 [H, W, 3]); for the JPEGs also <name>.rgb, those bytes.
"""
import hashlib
import json
import sys

import numpy as np
from PIL import Image

src = Image.open(sys.argv[1]).convert("RGB").crop((120, 40, 120 + 61, 40 + 43))  # 61x43: odd sizes
rgb = np.asarray(src)
alpha = np.tile(np.linspace(0, 255, 61).astype(np.uint8), (43, 1))
rgba = Image.fromarray(np.dstack([rgb, alpha]), "RGBA")
gray = src.convert("L")
made = {
    "rgb_png": (src, "png", {}),
    "rgba_png": (rgba, "png", {}),
    "gray_png": (gray, "png", {}),
    "gray_alpha_png": (Image.merge("LA", [gray, Image.fromarray(alpha)]), "png", {}),
    "palette_png": (src.quantize(37), "png", {"transparency": 3}),
    "bilevel_png": (gray.convert("1"), "png", {}),
    "gray16_png": (Image.fromarray((np.asarray(gray).astype(np.uint16) * 3), "I;16"), "png", {}),
    "jpeg_420": (src, "jpeg", {"quality": 90, "subsampling": 2}),
    "jpeg_422": (src, "jpeg", {"quality": 75, "subsampling": 1}),
    "jpeg_444": (src, "jpeg", {"quality": 95, "subsampling": 0}),
    "jpeg_gray": (gray, "jpeg", {"quality": 85}),
    "webp_lossless": (src, "webp", {"lossless": True}),
    "bmp_24": (src, "bmp", {}),
    "bmp_palette": (src.quantize(64), "bmp", {}),
    "gif": (src.quantize(200), "gif", {}),
}
expected = {}
for name, (image, fmt, kw) in made.items():
    ext = {"jpeg": "jpg"}.get(fmt, fmt)
    file = f"{name}.{ext}"
    image.save(file, fmt, **kw)
    with Image.open(file) as im:
        out = im.convert("RGB")
        expected[name] = {"file": file, "width": out.width, "height": out.height, "mode": im.mode,
                          "sha256": hashlib.sha256(out.tobytes()).hexdigest()}
        if fmt == "jpeg":
            with open(f"{name}.rgb", "wb") as raw:
                raw.write(out.tobytes())
with open("expected.json", "w") as f:
    json.dump(expected, f, indent=2)
    f.write("\n")
