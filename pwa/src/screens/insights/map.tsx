// /inzichten: the 35 labour market regions as a tile map (a grid placed roughly like the
// country), each tile a link with the region's name and its number of jobseekers.
import { listRegions, type RegionSummary } from "../../api/insights";
import { AppLink } from "../../components/button";
import { LoadFailed, Loading } from "../../components/load-state";
import { Screen } from "../../components/page";
import { isNotPublished, useLoaded } from "./data";
import { Downloads } from "./downloads";
import { formatDay, formatNumber } from "./format";
import { readingOrder } from "./tiles";
import { ti } from "./words";

function headline(region: RegionSummary): string {
  return region.jobseekers === null
    ? ti("map.jobseekersHidden")
    : ti("map.jobseekers", { count: formatNumber(region.jobseekers) });
}

export function InsightsMapScreen() {
  const [found, reload] = useLoaded("regions", listRegions);
  return (
    <Screen title={ti("map.title")}>
      <p>{ti("map.intro")}</p>
      {found.status === "loading" ? <Loading /> : null}
      {found.status === "failed" && isNotPublished(found.error) ? <p class="notice">{ti("common.notPublished")}</p> : null}
      {found.status === "failed" && !isNotPublished(found.error) ? (
        <LoadFailed message={ti("common.loadFailed")} retryLabel={ti("common.retry")} onRetry={reload} />
      ) : null}
      {found.status === "ready" ? <TileMap list={found.value.regions} national={found.value.national} date={found.value.publication.reference_date} version={found.value.publication.version} /> : null}
      {found.status === "failed" && isNotPublished(found.error) ? null : <Downloads />}
    </Screen>
  );
}

interface TileMapProps {
  list: RegionSummary[];
  national: RegionSummary;
  date: string;
  version: number;
}

function TileMap({ list, national, date, version }: TileMapProps) {
  const byCode = new Map(list.map((r) => [r.code, r]));
  return (
    <>
      <p>{ti("common.published", { date: formatDay(date), version })}</p>
      <nav aria-label={ti("map.label")}>
        <ul class="tile-map">
          {readingOrder().map((tile) => {
            const region = byCode.get(tile.code);
            if (!region) return null;
            return (
              <li key={tile.code} class="tile" style={{ gridRow: String(tile.row), gridColumn: String(tile.col) }}>
                <AppLink href={`/inzichten/${tile.code}`} class="tile-link">
                  <span class="tile-name">{region.name}</span>
                  <span class="tile-figure">{headline(region)}</span>
                </AppLink>
              </li>
            );
          })}
        </ul>
      </nav>
      <p class="tile-country">
        <AppLink href="/inzichten/NL" class="link-tap">
          {ti("map.countryLink")}
        </AppLink>{" "}
        ({headline(national)})
      </p>
    </>
  );
}
