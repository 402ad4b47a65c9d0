import pytest

from tests.factories import lawyer_licence


@pytest.fixture
def lawyer_rows(world):
    """Three valid lawyers for the Futian firm, by its credit code and by its name."""
    firm = world["ft_firm"]
    return [
        ["歐陽明", "男", lawyer_licence(9001), "专职律师", firm.credit_code, 2015, ""],
        ["单晓红", "女", lawyer_licence(9002), "", firm.name, "2018", ""],
        ["曾小军", "男", lawyer_licence(9003), "专职律师", firm.credit_code, 2020, ""],
    ]
