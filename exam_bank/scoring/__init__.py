"""The scoring rules as small pure functions: no I/O, no Qt, same answer every time.

- `score_item`: one item, one `Response` → `ItemScore`.
- `score_candidate`: a whole form → `CandidateScore` (competency levels and gaps, likert
  scales, JPM and its band, potential and the 9-box).
- `ScoringConfig` / `scoring_config_from_dict`: the blueprint's `[scoring]` table.
"""

from __future__ import annotations

from exam_bank.scoring.candidate import (
    CandidateScore,
    CompetencyScore,
    ScaleScore,
    competency_level,
    job_person_match,
    jpm_band,
    percent_of,
    score_candidate,
)
from exam_bank.scoring.config import (
    DEFAULT_JPM_BANDS,
    JpmBand,
    PotentialSource,
    ScoringConfig,
    check_scoring_config,
    scoring_config_from_dict,
    scoring_config_to_dict,
)
from exam_bank.scoring.items import ItemScore, item_max, reverse_point, score_item
from exam_bank.scoring.ninebox import (
    PERFORMANCE_GROUPS,
    POTENTIAL_GROUPS,
    axis_group,
    nine_box,
    nine_box_groups,
    nine_box_label,
)
from exam_bank.scoring.responses import Response

__all__ = [
    "DEFAULT_JPM_BANDS",
    "PERFORMANCE_GROUPS",
    "POTENTIAL_GROUPS",
    "CandidateScore",
    "CompetencyScore",
    "ItemScore",
    "JpmBand",
    "PotentialSource",
    "Response",
    "ScaleScore",
    "ScoringConfig",
    "axis_group",
    "check_scoring_config",
    "competency_level",
    "item_max",
    "job_person_match",
    "jpm_band",
    "nine_box",
    "nine_box_groups",
    "nine_box_label",
    "percent_of",
    "reverse_point",
    "score_candidate",
    "score_item",
    "scoring_config_from_dict",
    "scoring_config_to_dict",
]
