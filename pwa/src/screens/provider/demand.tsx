// Where the demand is: per labour market region, how many people miss each skill for the
// work they want. The server leaves out skills that fewer than 10 people miss; the table
// says "minder dan 10" for them, as one row, so nobody can be recognised.
import { useEffect, useState } from "preact/hooks";
import { getDemand, listRegions, type Demand, type Region } from "../../api/learning";
import { lookupPostcode } from "../../api/taxonomy";
import { AppLink, Button } from "../../components/button";
import { Screen } from "../../components/page";
import { SelectField } from "../../components/select-field";
import { getLang } from "../../i18n";
import { Failed, Loading, ownOrganisation, useLoaded } from "./parts";
import { tp } from "./words";

interface Start {
  regions: Region[];
  /** The organisation's own region, the first one shown. */
  own: string | null;
}

async function loadStart(): Promise<Start> {
  const [regions, organisation] = await Promise.all([listRegions(), ownOrganisation()]);
  let own: string | null = null;
  if (organisation) {
    own = await lookupPostcode(organisation.postcode).then(
      (found) => found.regionCode,
      () => null, // no region to start with: the provider picks one
    );
  }
  return { regions, own };
}

export function ProviderDemandScreen() {
  const [start, reload] = useLoaded(loadStart, []);
  return (
    <Screen title={tp("demand.title")}>
      <p>{tp("demand.intro")}</p>
      <p>{tp("demand.privacy")}</p>
      {start.status === "loading" ? <Loading /> : null}
      {start.status === "failed" ? <Failed error={start.error} onRetry={reload} /> : null}
      {start.status === "ready" ? <DemandView start={start.value} /> : null}
      <p>
        <AppLink href="/provider" class="link-tap">
          {tp("common.back")}
        </AppLink>
      </p>
    </Screen>
  );
}

function DemandView({ start }: { start: Start }) {
  const [picked, setPicked] = useState(start.own ?? "");
  const [region, setRegion] = useState(start.own);
  const [demand, setDemand] = useState<{ status: "idle" | "loading" } | { status: "ready"; value: Demand } | { status: "failed"; error: unknown }>(
    { status: "idle" },
  );
  const load = (code: string) => {
    setDemand({ status: "loading" });
    getDemand(code).then(
      (value) => setDemand({ status: "ready", value }),
      (error: unknown) => setDemand({ status: "failed", error }),
    );
  };
  useEffect(() => {
    if (region) load(region);
  }, [region]);
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (!picked) return;
    if (picked === region) load(picked);
    else setRegion(picked);
  };
  return (
    <>
      <form class="form" noValidate onSubmit={onSubmit}>
        <SelectField
          id="demand-region"
          label={tp("demand.region")}
          value={picked}
          placeholder={tp("demand.regionPick")}
          options={start.regions.map((r) => ({ value: r.code, label: r.name }))}
          onValue={setPicked}
        />
        <Button type="submit" busy={demand.status === "loading"} busyLabel={tp("demand.busy")}>
          {tp("demand.show")}
        </Button>
      </form>
      {demand.status === "loading" ? <Loading /> : null}
      {demand.status === "failed" ? <Failed error={demand.error} onRetry={() => region && load(region)} /> : null}
      {demand.status === "ready" ? <DemandTable demand={demand.value} /> : null}
    </>
  );
}

function DemandTable({ demand }: { demand: Demand }) {
  const en = getLang() === "en";
  const number = new Intl.NumberFormat(en ? "en-GB" : "nl-NL");
  return (
    <section aria-labelledby="demand-result">
      <h2 id="demand-result">{demand.region.name}</h2>
      <p role="status">
        {demand.people === null ? tp("demand.countedFew") : tp("demand.counted", { count: number.format(demand.people) })}
      </p>
      {demand.skills.length === 0 && demand.suppressed === 0 ? <p>{tp("demand.none")}</p> : null}
      {demand.skills.length > 0 || demand.suppressed > 0 ? (
        <div class="table-wrap">
          <table class="demand-table">
            <caption>{tp("demand.caption", { region: demand.region.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{tp("demand.skill")}</th>
                <th scope="col">{tp("demand.people")}</th>
              </tr>
            </thead>
            <tbody>
              {demand.skills.map((skill) => (
                <tr key={skill.skill_id}>
                  <th scope="row">{en ? skill.label_en : skill.label}</th>
                  <td>{number.format(skill.people)}</td>
                </tr>
              ))}
              {demand.suppressed > 0 ? (
                <tr>
                  <th scope="row">{tp("demand.others", { count: demand.suppressed })}</th>
                  <td>{tp("demand.fewer")}</td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
