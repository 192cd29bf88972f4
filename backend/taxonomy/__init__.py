"""Reference data: ESCO occupations and skills, postcodes, regions and education levels."""
