"""Raster images (PNG, JPEG, single-frame TIFF and GIF): opening within limits, burning masks.

An image is handled as displayed: the EXIF orientation is applied first, because the masked
copy carries no metadata at all and would otherwise show a photo on its side.
"""

from __future__ import annotations

import io
import struct
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from PIL import Image, ImageDraw, ImageOps, UnidentifiedImageError

from reviewdesk.cases.masking.errors import MaskingError
from reviewdesk.cases.masking.geometry import Box, checked_boxes, pixel_rect

MAX_IMAGE_PIXELS = 60_000_000  # a 600 dpi A3 scan is 35 MP; more is a mistake or a bomb
IMAGE_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/tiff": "TIFF", "image/gif": "GIF"}
# Modes a black box is burned into as they are (16-bit grey: radiographs exported as PNG).
_FILL = {"1": 0, "L": 0, "LA": (0, 255), "I;16": 0, "RGB": (0, 0, 0), "RGBA": (0, 0, 0, 255)}


def open_image(mime_type: str, content: bytes) -> Image.Image:
    """The decoded image, upright, in a mode a black box can be burned into; refused past limits."""
    with _reading():
        image = _opened(mime_type, content)
        image.load()
        upright = ImageOps.exif_transpose(image) or image
        if upright.mode not in _FILL:  # palette, CMYK, 16-bit: black is not simply 0 there
            has_alpha = "A" in upright.mode or "a" in upright.mode or "transparency" in upright.info
            upright = upright.convert("RGBA" if has_alpha else "RGB")
    return upright


def image_size(mime_type: str, content: bytes) -> tuple[int, int]:
    """The displayed size, without decoding the pixels."""
    with _reading():
        image = _opened(mime_type, content)
        width, height = image.size
        orientation = image.getexif().get(0x0112, 1)
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def _opened(mime_type: str, content: bytes) -> Image.Image:
    """The image opened lazily (header only) and checked against the limits."""
    with warnings.catch_warnings():
        # Pillow warns from 89 MP; our own, lower limit applies just below.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        image = Image.open(io.BytesIO(content), formats=[IMAGE_FORMATS[mime_type]])
    if image.size[0] * image.size[1] > MAX_IMAGE_PIXELS:
        raise _too_large(image.size)
    if getattr(image, "n_frames", 1) > 1:
        raise MaskingError("image has several frames or pages",
                           ja="複数ページ（複数フレーム）の画像はマスキングできません。"
                              "PDF に変換してから登録してください")
    return image


@contextmanager
def _reading() -> Iterator[None]:
    """Whatever Pillow raises on a bad or hostile file becomes a refusal."""
    try:
        yield
    except Image.DecompressionBombError as exc:
        raise _too_large(None) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, struct.error) as exc:
        raise MaskingError(f"image cannot be read: {exc}",
                           ja="画像を読み込めません。ファイルが壊れているか、形式が違います") from exc
    except MemoryError as exc:
        raise MaskingError("not enough memory to open the image",
                           ja="メモリが不足しているため画像を開けません") from exc


def displayable(image: Image.Image) -> Image.Image:
    """An RGB picture of an opened image: transparency on white, 16-bit grey stretched to 8."""
    if image.mode in ("RGBA", "LA"):
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, image.convert("RGBA"))
    elif image.mode == "I;16":
        low, high = image.getextrema()
        wide = image.convert("I")
        image = wide.point(lambda v: (v - low) * 255 / max(1, high - low)).convert("L")
    return image.convert("RGB")


def burn_image(mime_type: str, content: bytes, boxes: Sequence[Box]) -> tuple[bytes, str, int]:
    """(content, mime type, boxes burned): the image re-encoded with solid black boxes, no metadata."""
    image = open_image(mime_type, content)
    burned = 0
    draw = ImageDraw.Draw(image)
    for box in checked_boxes(boxes, 1).get(0, []):
        rect = pixel_rect(box, *image.size)
        if rect:
            draw.rectangle(rect, fill=_FILL[image.mode])
        burned += 1
    # Dropping info leaves Pillow nothing to copy over: no EXIF, ICC profile, XMP or text chunks.
    image.info = {}
    out = io.BytesIO()
    try:
        if mime_type == "image/jpeg":
            image.save(out, format="JPEG", quality=90, optimize=True)
        else:
            mime_type = "image/png"
            image.save(out, format="PNG", optimize=False, compress_level=6)
    except (OSError, ValueError) as exc:
        raise MaskingError(f"masked image cannot be written: {exc}",
                           ja="マスキングした画像を書き出せません") from exc
    return out.getvalue(), mime_type, burned


def _too_large(size: tuple[int, int] | None) -> MaskingError:
    limit = f"{MAX_IMAGE_PIXELS // 1_000_000:,}"
    if size is None:
        return MaskingError(f"image is over the limit of {limit} million pixels",
                            ja=f"画像が大きすぎます（上限は {limit} 百万画素です）")
    width, height = size
    return MaskingError(f"image of {width:,}×{height:,} pixels is over the limit of {limit} million pixels",
                        ja=f"画像が大きすぎます（{width:,}×{height:,} 画素。上限は {limit} 百万画素です）")
