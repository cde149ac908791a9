"""Images: what Pillow finds in the file must be what the extension says, and
its dimensions must be safe to decode.

A PNG of 100,000 × 100,000 pixels is a few hundred bytes on disk and tens of
gigabytes once decoded (renditions decode it): Pillow's ``MAX_IMAGE_PIXELS``
is the limit, and its warning (above the limit) is treated like its error (above
twice the limit). https://pillow.readthedocs.io/en/stable/reference/Image.html
"""

import warnings

from django.utils.formats import number_format
from PIL import Image, UnidentifiedImageError

from .refusals import refuse

# Phones save JPEG photos with extra frames that Pillow calls "MPO".
SAME_FORMAT = {"MPO": "JPEG"}


def expected_format(extension):
    """Pillow's format name for an extension ("jpg" → "JPEG"), None if unknown."""
    return Image.registered_extensions().get(f".{extension}")


def open_safely(file):
    """Pillow's format of ``file``, refusing decompression bombs."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                return image.format
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        refuse(
            "too_many_pixels",
            max_pixels=number_format(Image.MAX_IMAGE_PIXELS, force_grouping=True),
        )
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        refuse("invalid_image")


def check_image_content(file, extension):
    found = open_safely(file)
    expected = expected_format(extension)
    found = SAME_FORMAT.get(found, found)
    if expected is not None and found != expected:
        refuse("mismatch", found=found, extension=extension)
