"""What this part of the facilities adds to the shared pages (see yhdistystori.contributions):
passed to `contribute()` by GrantsConfig.ready().

The description of /api/v1/facilities (grants/facility_api_description.json) joins the
API's OpenAPI description.
"""

import json
from pathlib import Path

_API_DESCRIPTION = Path(__file__).parent / "facility_api_description.json"

CONTRIBUTIONS: dict = {
    "api_paths": [json.loads(_API_DESCRIPTION.read_text(encoding="utf-8"))],
}
