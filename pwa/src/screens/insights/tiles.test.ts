import { describe, expect, it } from "vitest";
import { GRID_COLS, GRID_ROWS, readingOrder, TILES } from "./tiles";

describe("the tile map", () => {
  it("has the 35 regions once each, on distinct cells inside the grid", () => {
    const codes = TILES.map((t) => t.code);
    expect(new Set(codes).size).toBe(35);
    const cells = new Set(TILES.map((t) => `${t.row},${t.col}`));
    expect(cells.size).toBe(35);
    for (const tile of TILES) {
      expect(tile.row).toBeGreaterThanOrEqual(1);
      expect(tile.row).toBeLessThanOrEqual(GRID_ROWS);
      expect(tile.col).toBeGreaterThanOrEqual(1);
      expect(tile.col).toBeLessThanOrEqual(GRID_COLS);
      expect(tile.code).toMatch(/^AM\d{2}$/);
    }
  });

  it("places the north above the south and the west left of the east", () => {
    const at = (code: string) => TILES.find((t) => t.code === code) ?? { code, row: 0, col: 0 };
    expect(at("AM01").row).toBeLessThan(at("AM30").row); // Groningen above Zuid-Limburg
    expect(at("AM24").col).toBeLessThan(at("AM05").col); // Zeeland left of Twente
  });

  it("reads north to south, then west to east", () => {
    const order = readingOrder().map((t) => t.code);
    expect(order[0]).toBe("AM02");
    expect(order.at(-1)).toBe("AM30");
  });
});
