"""The fixed words of the selfie: section names and the allowed values of its fields."""

from __future__ import annotations

# In the order the app walks through them.
SECTION_NAMES = (
    "basics",
    "location",
    "availability",
    "experience",
    "skills",
    "education",
    "languages",
    "wishes",
    "interests",
    "visibility",
)
UI_LANGUAGES = ("nl", "en")
CONTACT_METHODS = ("app", "phone", "sms", "whatsapp", "email")
PHONE_METHODS = frozenset({"phone", "sms", "whatsapp"})
TRAVEL_MODES = ("walk", "bike", "public_transport", "car")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_PARTS = ("morning", "afternoon", "evening")
EXPERIENCE_KINDS = ("paid", "volunteer", "informal")
SKILL_SOURCES = ("self", "from_experience", "learning", "confirmed_by")
CEFR_LEVELS = ("A0", "A1", "A2", "B1", "B2", "C1", "C2")
WORK_KINDS = ("job", "stage", "opdracht", "open_hiring", "volunteering")
EMPLOYER_VISIBILITY = ("none", "anonymous", "full")
RIASEC_TYPES = ("R", "I", "A", "S", "E", "C")
