"""Readable words for the CV and the employer view, in Dutch (B1) or English.

Occupation, skill and education level labels come from the reference data; the rest is
the small vocabulary below.
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # Section titles
    "basics": ("Over mij", "About me"),
    "location": ("Waar ik woon", "Where I live"),
    "availability": ("Wanneer ik kan werken", "When I can work"),
    "experience": ("Ervaring", "Experience"),
    "skills": ("Wat ik kan", "What I can do"),
    "education": ("Opleiding", "Education"),
    "languages": ("Talen", "Languages"),
    "wishes": ("Wat ik zoek", "What I am looking for"),
    "interests": ("Wat ik leuk vind", "What I like"),
    "visibility": ("Wie mag wat zien", "Who may see what"),
    # Field labels
    "display_name": ("Naam", "Name"),
    "birth_year": ("Geboortejaar", "Year of birth"),
    "phone": ("Telefoon", "Phone"),
    "email": ("E-mail", "E-mail"),
    "preferred_language": ("Taal", "Language"),
    "contact_methods": ("Contact via", "Contact by"),
    "postcode": ("Postcode", "Postcode"),
    "region": ("Regio", "Region"),
    "max_distance_km": ("Reisafstand", "Travel distance"),
    "travel_modes": ("Vervoer", "Travel by"),
    "has_driving_licence": ("Rijbewijs", "Driving licence"),
    "days_per_week": ("Dagen per week", "Days a week"),
    "schedule": ("Beschikbaar", "Available"),
    "hours_per_week": ("Uren per week", "Hours a week"),
    "start_date": ("Kan beginnen", "Can start"),
    "constraints": ("Goed om te weten", "Good to know"),
    "no_experience": ("Ervaring", "Experience"),
    "highest_level": ("Hoogste niveau", "Highest level"),
    "diploma": ("Diploma", "Diploma"),
    "studying_now": ("Studeert nu", "Studying now"),
    "current_study": ("Opleiding nu", "Current study"),
    "dutch": ("Nederlands", "Dutch"),
    "occupation_ids": ("Beroepen", "Occupations"),
    "work_kinds": ("Soort werk", "Kind of work"),
    "learn": ("Wil leren", "Wants to learn"),
    "holland_code": ("Wat ik leuk vind", "What I like"),
    "R": ("Doener", "Doer"),
    "I": ("Denker", "Thinker"),
    "A": ("Maker", "Creator"),
    "S": ("Helper", "Helper"),
    "E": ("Overtuiger", "Persuader"),
    "C": ("Regelaar", "Organiser"),
    # Values
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    "now": ("nu", "now"),
    "none_yet": ("nog geen", "none yet"),
    "completed": ("behaald", "completed"),
    "not_completed": ("niet afgemaakt", "not completed"),
    "ongoing": ("nu", "now"),
    "nl": ("Nederlands", "Dutch"),
    "en": ("Engels", "English"),
    "app": ("de app", "the app"),
    "sms": ("sms", "text message"),
    "whatsapp": ("WhatsApp", "WhatsApp"),
    "walk": ("lopen", "walking"),
    "bike": ("fiets", "bike"),
    "public_transport": ("openbaar vervoer", "public transport"),
    "car": ("auto", "car"),
    "mon": ("ma", "Mon"),
    "tue": ("di", "Tue"),
    "wed": ("wo", "Wed"),
    "thu": ("do", "Thu"),
    "fri": ("vr", "Fri"),
    "sat": ("za", "Sat"),
    "sun": ("zo", "Sun"),
    "morning": ("ochtend", "morning"),
    "afternoon": ("middag", "afternoon"),
    "evening": ("avond", "evening"),
    "paid": ("betaald werk", "paid work"),
    "volunteer": ("vrijwilligerswerk", "volunteering"),
    "informal": ("informele ervaring", "informal experience"),
    "job": ("baan", "job"),
    "stage": ("stage", "internship"),
    "opdracht": ("opdracht", "assignment"),
    "open_hiring": ("werk zonder sollicitatie", "work without applying"),
    "volunteering": ("vrijwilligerswerk", "volunteering"),
    "understanding": ("begrijpen", "understanding"),
    "speaking": ("spreken", "speaking"),
    "writing": ("schrijven", "writing"),
    "level_1": ("een beetje", "a little"),
    "level_2": ("redelijk", "fair"),
    "level_3": ("goed", "good"),
    "level_4": ("heel goed", "very good"),
}

# Languages people in the Netherlands often list; other codes are shown as they are.
LANGUAGE_NAMES: dict[str, tuple[str, str]] = {
    "en": ("Engels", "English"),
    "de": ("Duits", "German"),
    "fr": ("Frans", "French"),
    "es": ("Spaans", "Spanish"),
    "it": ("Italiaans", "Italian"),
    "pt": ("Portugees", "Portuguese"),
    "pl": ("Pools", "Polish"),
    "ro": ("Roemeens", "Romanian"),
    "bg": ("Bulgaars", "Bulgarian"),
    "tr": ("Turks", "Turkish"),
    "ar": ("Arabisch", "Arabic"),
    "ber": ("Berbers", "Berber"),
    "tzm": ("Tamazight", "Tamazight"),
    "fa": ("Perzisch", "Persian"),
    "prs": ("Dari", "Dari"),
    "ps": ("Pasjtoe", "Pashto"),
    "ti": ("Tigrinya", "Tigrinya"),
    "am": ("Amhaars", "Amharic"),
    "so": ("Somalisch", "Somali"),
    "ku": ("Koerdisch", "Kurdish"),
    "uk": ("Oekraïens", "Ukrainian"),
    "ru": ("Russisch", "Russian"),
    "zh": ("Chinees", "Chinese"),
    "hi": ("Hindi", "Hindi"),
    "ur": ("Urdu", "Urdu"),
    "pap": ("Papiaments", "Papiamento"),
    "srn": ("Sranantongo", "Sranan Tongo"),
    "fy": ("Fries", "Frisian"),
    "nl": ("Nederlands", "Dutch"),
}


def _education_levels() -> dict[str, tuple[str, str]]:
    from backend.taxonomy import service as taxonomy

    return {lv.code: (lv.name_nl, lv.name_en) for lv in taxonomy.list_education_levels()}


class Labels:
    """Looks up words in one language, remembering reference labels for one request."""

    def __init__(self, lang: str) -> None:
        self.index = 1 if lang == "en" else 0
        self.lang = lang
        self._occupations: dict[str, str] = {}
        self._skills: dict[str, str] = {}
        self._levels: dict[str, tuple[str, str]] | None = None

    def word(self, key: str) -> str:
        pair = WORDS.get(key)
        return pair[self.index] if pair else key

    def words(self, keys: list[str] | None) -> str:
        return ", ".join(self.word(k) for k in keys or [])

    def language(self, code: str) -> str:
        pair = LANGUAGE_NAMES.get(code)
        return pair[self.index] if pair else code

    def education_level(self, code: str | None) -> str | None:
        if not code:
            return None
        if self._levels is None:
            self._levels = _education_levels()
        pair = self._levels.get(code)
        return pair[self.index] if pair else code

    def occupation(self, occupation_id: str) -> str:
        if occupation_id not in self._occupations:
            from backend.errors import NotFound
            from backend.taxonomy import service as taxonomy

            try:
                found = taxonomy.get_occupation(occupation_id)
                label = found.label_en if self.index else found.label
            except NotFound:
                label = occupation_id
            self._occupations[occupation_id] = label
        return self._occupations[occupation_id]

    def skills(self, skill_ids: list[str]) -> dict[str, str]:
        """Return the label of each skill: Dutch where ESCO has one (for nl), else English."""
        wanted = [s for s in skill_ids if s not in self._skills]
        if wanted:
            self._skills.update(_skill_labels(wanted, english=bool(self.index)))
        return {s: self._skills.get(s, s) for s in skill_ids}

    def skill(self, skill_id: str) -> str:
        return self.skills([skill_id])[skill_id]


def _skill_labels(skill_ids: list[str], *, english: bool) -> dict[str, str]:
    from backend.taxonomy import service as taxonomy

    return taxonomy.skill_labels(skill_ids, english=english)
