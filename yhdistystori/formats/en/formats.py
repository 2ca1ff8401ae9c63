# English on a Finnish site: people type dates the Finnish way (27.12.2026) as well as
# the ISO way; Django's own English formats (12/27/2026) are kept after them.
from django.conf.locale.en.formats import DATE_INPUT_FORMATS as _ENGLISH_DATE_INPUT_FORMATS

DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y", *_ENGLISH_DATE_INPUT_FORMATS]
