"""The Leibniz coefficient (ライプニッツ係数): present value of 1 yen a year for n years."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

# Far more digits than the 4 kept, so rounding the near-exact value equals rounding the
# exact one (a tie would need agreement to 50 digits, which (1 + r) ** -n never gives).
_PRECISION = 50


def leibniz(years: int, rate: Decimal, decimals: int = 4) -> Decimal:
    """(1 - (1 + rate) ** -years) / rate, rounded half-up to `decimals` places; 0 for 0 years."""
    if isinstance(years, bool) or not isinstance(years, int) or years < 0:
        raise ValueError(f"years must be a non-negative integer, got {years!r}")
    if rate <= 0:
        raise ValueError(f"rate must be above 0, got {rate}")
    quantum = Decimal(1).scaleb(-decimals)
    if years == 0:
        return Decimal(0).quantize(quantum)
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        exact = (1 - (1 + rate) ** -years) / rate
    return exact.quantize(quantum, rounding=ROUND_HALF_UP)
