"""`flask catalog observed`: the offers the service's own observations agree on, printed for a
maintainer or as rows in the observed-points CSV columns (product price left for review)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from scrapers.providers.bands import read_points
from server.catalog.cli import POINT_COLUMNS
from server.store import observations


def _seed(app):
    today = datetime.now(UTC).date()
    offer = {"name": "延长保修2年", "term_months": 24, "currency": "CNY"}
    with app.app_context():
        from server import db

        session = db.session()
        for back, price in ((3, "199.00"), (1, "209.00")):
            for who in ("reporter-a", "reporter-b"):
                observations.record(session, "jd", "100012345678", [{**offer, "price": price}],
                                    today - timedelta(days=back), who)
        observations.record(session, "jd", "100099999999", [{**offer, "price": "1.00"}], today,
                            "mallory")  # one reporter alone: not agreed, not shown
        observations.record(session, "bestbuy", "6501", [
            {"name": "2-Year Geek Squad", "term_months": 24, "currency": "USD",
             "price": "129.99"}], today, "reporter-a")
        observations.record(session, "bestbuy", "6501", [
            {"name": "2-Year Geek Squad", "term_months": 24, "currency": "USD",
             "price": "129.99"}], today, "reporter-c")
        session.commit()
    return today


def test_observed_lists_agreed_offers_with_reporters_and_days(app):
    today = _seed(app)
    result = app.test_cli_runner().invoke(args=["catalog", "observed", "--market", "CN"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "1 offers agreed by independent reporters in the last 365 days"
    assert lines[1] == (f"  jd 100012345678: 延长保修2年, 24 months, 209.00 CNY "
                        f"(seen 199.00-209.00); 2 reporters, 2 days, "
                        f"last {today - timedelta(days=1)}")
    assert "mallory" not in result.output and "1.00 CNY" not in result.output


def test_observed_csv_is_in_the_points_columns_and_reads_back(app, tmp_path):
    _seed(app)
    result = app.test_cli_runner().invoke(args=["catalog", "observed", "--csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert tuple(rows[0]) == POINT_COLUMNS
    assert [(r["market"], r["seller"], r["plan_price"], r["currency"]) for r in rows] == [
        ("US", "bestbuy", "129.99", "USD"), ("CN", "jd", "209.00", "CNY")]
    assert "agreed by 2 independent reporters on 1 days" in rows[0]["captured_on"]
    assert rows[1]["source_path"] == "yanbao offer_observations: site=jd item_id=100012345678"
    # Once a maintainer fills in the product's price, the bands tool reads the row.
    rows[1]["product_price"] = "3999.00"
    path = tmp_path / "points.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, POINT_COLUMNS)
        writer.writeheader()
        writer.writerow(rows[1])
    (point,) = read_points(path)
    assert (point.price, point.product_price, point.term_months) == (209, 3999, 24)
    assert point.where == "yanbao offer_observations: site=jd item_id=100012345678"


def test_observed_refuses_a_nonsense_look_back(app):
    result = app.test_cli_runner().invoke(args=["catalog", "observed", "--days", "0"])
    assert result.exit_code == 2 and "--days" in result.output
