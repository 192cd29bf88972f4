// /inzichten/{am_code}: one region's figures (or NL, the country) as charts, each with
// its data table behind a button: supply, demand, shortages, passion profiles, learning
// offers for the shortages and the distance to fitting work.
import { regionFigures, type CategoryCount, type RegionDetail } from "../../api/insights";
import { AppLink } from "../../components/button";
import { LoadFailed, Loading } from "../../components/load-state";
import { Screen } from "../../components/page";
import { Chart, type ChartRow } from "./chart";
import { isNotPublished, isUnknownRegion, useLoaded } from "./data";
import { Downloads } from "./downloads";
import { categoryLabel, formatCount, formatDay, formatIndex, formatNumber, skillName, type Breakdown } from "./format";
import { ti, type InsightsKey } from "./words";

export function InsightsRegionScreen({ code }: { code: string }) {
  const [found, reload] = useLoaded(`region:${code}`, () => regionFigures(code));
  const name = code === "NL" ? ti("map.country") : found.status === "ready" ? found.value.region.name : null;
  const title = found.status === "ready" && name ? name : ti("region.loadingTitle");
  return (
    <Screen title={title}>
      <p>
        <AppLink href="/inzichten" class="link-tap">
          {ti("common.toMap")}
        </AppLink>
      </p>
      {found.status === "loading" ? <Loading /> : null}
      {found.status === "failed" && isNotPublished(found.error) ? <p class="notice">{ti("common.notPublished")}</p> : null}
      {found.status === "failed" && isUnknownRegion(found.error) ? <p class="notice">{ti("region.unknown")}</p> : null}
      {found.status === "failed" && !isNotPublished(found.error) && !isUnknownRegion(found.error) ? (
        <LoadFailed message={ti("common.loadFailed")} retryLabel={ti("common.retry")} onRetry={reload} />
      ) : null}
      {found.status === "ready" ? (
        <>
          <p>
            {ti("common.published", {
              date: formatDay(found.value.publication.reference_date),
              version: found.value.publication.version,
            })}
          </p>
          <RegionFigures region={found.value.region} />
          <Downloads />
        </>
      ) : null}
    </Screen>
  );
}

function breakdownRows(kind: Breakdown, counts: CategoryCount[] | undefined): ChartRow[] {
  return (counts ?? []).map((c) => ({ label: categoryLabel(kind, c.category), values: [c.jobseekers] }));
}

interface PeopleChartProps {
  id: string;
  chart: "days" | "education" | "dutch" | "interest" | "distance";
  counts: CategoryCount[] | undefined;
}

function PeopleChart({ id, chart, counts }: PeopleChartProps) {
  return (
    <Chart
      id={id}
      title={ti(`chart.${chart}.title` as InsightsKey)}
      description={ti(`chart.${chart}.desc` as InsightsKey)}
      series={[ti("chart.people")]}
      labelHeader={ti("chart.category")}
      rows={breakdownRows(chart, counts)}
    />
  );
}

function Summary({ region }: { region: RegionDetail }) {
  const items: Array<[InsightsKey, string]> = [
    ["region.jobseekers", formatCount(region.jobseekers)],
    ["region.vacancies", formatNumber(region.vacancies)],
    ["region.places", formatNumber(region.vacancy_places)],
    ["region.futurePlaces", formatNumber(region.future_places)],
    ["region.openHiringPlaces", formatNumber(region.open_hiring_places)],
    ["region.peopleInLine", formatCount(region.people_in_line)],
  ];
  return (
    <section aria-labelledby="summary-title">
      <h2 id="summary-title">{ti("region.summary")}</h2>
      <dl class="insights-summary">
        {items.map(([key, value]) => (
          <div key={key}>
            <dt>{ti(key)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function RegionFigures({ region }: { region: RegionDetail }) {
  const asked: ChartRow[] = region.skills.asked_for.map((s) => ({
    label: skillName(s),
    values: [s.demand_vacancies + s.demand_future],
  }));
  const gaps: ChartRow[] = region.skills.mismatch.map((s) => ({
    label: skillName(s),
    values: [s.demand_vacancies + s.demand_future, s.jobseekers],
    extra: [formatIndex(s.mismatch_index)],
  }));
  const learning: ChartRow[] = (region.learning_coverage ?? []).map((c) => ({
    label: skillName(c),
    values: [c.offers, c.online_offers],
  }));
  return (
    <>
      <Summary region={region} />
      <p class="notice insights-hidden-note">{ti("common.hiddenExplained")}</p>
      <section aria-labelledby="supply-title">
        <h2 id="supply-title">{ti("region.supplyTitle")}</h2>
        <PeopleChart id="chart-days" chart="days" counts={region.supply.days_per_week} />
        <PeopleChart id="chart-education" chart="education" counts={region.supply.education_level} />
        <PeopleChart id="chart-dutch" chart="dutch" counts={region.supply.dutch_level} />
        <PeopleChart id="chart-interest" chart="interest" counts={region.supply.riasec_type} />
      </section>
      <section aria-labelledby="demand-title">
        <h2 id="demand-title">{ti("region.demandTitle")}</h2>
        <Chart
          id="chart-asked"
          title={ti("chart.asked.title")}
          description={ti("chart.asked.desc")}
          series={[ti("chart.asked")]}
          labelHeader={ti("chart.skill")}
          rows={asked}
        />
      </section>
      <section aria-labelledby="gaps-title">
        <h2 id="gaps-title">{ti("region.gapsTitle")}</h2>
        <Chart
          id="chart-gaps"
          title={ti("chart.gaps.title")}
          description={ti("chart.gaps.desc")}
          series={[ti("chart.asked"), ti("chart.offered")]}
          labelHeader={ti("chart.skill")}
          rows={gaps}
          extraHeaders={[ti("chart.index")]}
        />
      </section>
      <section aria-labelledby="learning-title">
        <h2 id="learning-title">{ti("region.learningTitle")}</h2>
        <Chart
          id="chart-learning"
          title={ti("chart.learning.title")}
          description={ti("chart.learning.desc")}
          series={[ti("chart.offers"), ti("chart.online")]}
          labelHeader={ti("chart.skill")}
          rows={learning}
        />
      </section>
      <section aria-labelledby="distance-title">
        <h2 id="distance-title">{ti("region.distanceTitle")}</h2>
        <PeopleChart id="chart-distance" chart="distance" counts={region.distance} />
      </section>
    </>
  );
}
