"""A cluster typed the way staff name it is found by kind and number, never by luck."""

from __future__ import annotations

import pytest

from thidua.domain.model import Cluster
from thidua.domain.suggest import cluster_suggestion, matching_clusters

CLUSTERS = [
    Cluster("cum-1-vks-dak-nong", "Cụm thi đua số 1", "cụm", "1", "VKSND tỉnh Đắk Nông",
            "Đắk Nông"),
    Cluster("cum-2-vks-dak-nong", "Cụm thi đua số 2", "cụm", "2", "VKSND tỉnh Đắk Nông",
            "Đắk Nông"),
    Cluster("cum-2-thanh-tra-lam-dong", "Cụm thi đua số 02", "cụm", "02",
            "Thanh tra tỉnh Lâm Đồng", "Lâm Đồng"),
    Cluster("cum-12-doanh-nghiep", "Cụm thi đua số 12", "cụm", "12", "HĐTĐKT tỉnh Đắk Nông"),
    Cluster("cum-iii-dak-mil", "Cụm thi đua số III", "cụm", "III", "HĐTĐKT huyện Đắk Mil"),
    Cluster("khoi-02-vks-bac-giang", "Khối thi đua số 02", "khối", "02", "VKSND tỉnh Bắc Giang",
            "Bắc Giang"),
]  # fmt: skip


def slugs(value: str) -> list[str]:
    return [c.slug for c in matching_clusters(value, CLUSTERS)]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Khối thi đua số 2", ["khoi-02-vks-bac-giang"]),
        ("khối 02", ["khoi-02-vks-bac-giang"]),
        ("khoi-2", ["khoi-02-vks-bac-giang"]),
        ("KHỐI THI ĐUA SỐ II", ["khoi-02-vks-bac-giang"]),
        ("cụm 3", ["cum-iii-dak-mil"]),  # III is 3
        ("Cụm thi đua số 12", ["cum-12-doanh-nghiep"]),  # not 1 nor 2
        ("cụm 1", ["cum-1-vks-dak-nong"]),  # not 12
        ("Cụm thi đua số 2 VKSND tỉnh Đắk Nông", ["cum-2-vks-dak-nong"]),  # the agency decides
        ("cụm 2 Lâm Đồng", ["cum-2-thanh-tra-lam-dong"]),  # so does the province
        ("cum-2-vks-dak-nog", ["cum-2-vks-dak-nong"]),  # a slug with a typo
    ],
)
def test_kind_and_number_match_by_value(typed, expected):
    assert slugs(typed) == expected


def test_one_number_in_two_agencies_offers_both_with_their_agency():
    suggestion = cluster_suggestion("Cụm thi đua số 2", CLUSTERS)
    assert suggestion == (
        "'cum-2-thanh-tra-lam-dong' (Cụm thi đua số 02 – Thanh tra tỉnh Lâm Đồng) hoặc "
        "'cum-2-vks-dak-nong' (Cụm thi đua số 2 – VKSND tỉnh Đắk Nông)"
    )


def test_a_kind_that_does_not_match_falls_back_to_the_number():
    assert slugs("cụm 02 Bắc Giang") == ["khoi-02-vks-bac-giang"]


def test_no_cluster_of_that_number_is_no_suggestion():
    assert cluster_suggestion("Cụm thi đua số 7", CLUSTERS) is None
