"""What the code asks of a profile, answered in one place."""

from __future__ import annotations

from generator.model.profile import PROFILES, Profile, in_build_order, profiles_named


def test_only_the_public_card_is_published_and_only_the_workbook_shows_internal() -> None:
    assert [(p.published, p.includes_internal) for p in PROFILES] == [(True, False),
                                                                    (False, True)]


def test_a_profile_is_its_name_and_its_output_folder() -> None:
    assert profiles_named(["workbook"]) == (Profile.WORKBOOK,)
    assert Profile.PUBLIC == "public" and Profile.PUBLIC.folder == "public"
    assert f"profile-{Profile.WORKBOOK}" == "profile-workbook"  # as templates write it


def test_the_profile_with_internal_content_is_built_first() -> None:
    assert in_build_order([Profile.PUBLIC, Profile.WORKBOOK]) == (Profile.WORKBOOK,
                                                                  Profile.PUBLIC)
