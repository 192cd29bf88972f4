// Where each of the 35 arbeidsmarktregio's sits in the tile map: a grid of 8 rows and 8
// columns placed roughly like the map of the Netherlands (north at the top). Worked out
// once from the regions' postcode centroids and tidied by hand; no geometry is loaded.

export interface Tile {
  code: string;
  row: number; // 1 = the north
  col: number; // 1 = the west
}

export const GRID_ROWS = 8;
export const GRID_COLS = 8;

export const TILES: readonly Tile[] = [
  { code: "AM02", row: 1, col: 6 }, // Friesland
  { code: "AM01", row: 1, col: 7 }, // Groningen
  { code: "AM15", row: 2, col: 3 }, // Noord-Holland Noord
  { code: "AM17", row: 2, col: 4 }, // Zaanstreek/Waterland
  { code: "AM11", row: 2, col: 5 }, // Flevoland
  { code: "AM36", row: 2, col: 6 }, // Regio Zwolle
  { code: "AM03", row: 2, col: 7 }, // Drenthe
  { code: "AM19", row: 3, col: 2 }, // Holland Rijnland
  { code: "AM37", row: 3, col: 3 }, // Zuid-Kennemerland en IJmond
  { code: "AM18", row: 3, col: 4 }, // Groot Amsterdam
  { code: "AM12", row: 3, col: 5 }, // Gooi en Vechtstreek
  { code: "AM06", row: 3, col: 6 }, // Veluwe Stedendriehoek
  { code: "AM05", row: 3, col: 8 }, // Twente
  { code: "AM21", row: 4, col: 1 }, // Haaglanden
  { code: "AM34", row: 4, col: 2 }, // Zuid-Holland Centraal
  { code: "AM20", row: 4, col: 3 }, // Midden-Holland
  { code: "AM13", row: 4, col: 4 }, // Midden-Utrecht
  { code: "AM14", row: 4, col: 5 }, // Amersfoort
  { code: "AM38", row: 4, col: 6 }, // FoodValley
  { code: "AM07", row: 4, col: 7 }, // Midden-Gelderland
  { code: "AM09", row: 4, col: 8 }, // Achterhoek
  { code: "AM22", row: 5, col: 2 }, // Rijnmond
  { code: "AM23", row: 5, col: 3 }, // Drechtsteden
  { code: "AM35", row: 5, col: 4 }, // Gorinchem
  { code: "AM10", row: 5, col: 5 }, // Rivierenland
  { code: "AM08", row: 5, col: 6 }, // Rijk van Nijmegen
  { code: "AM24", row: 6, col: 1 }, // Zeeland
  { code: "AM25", row: 6, col: 3 }, // West-Brabant
  { code: "AM26", row: 6, col: 4 }, // Midden-Brabant
  { code: "AM27", row: 6, col: 5 }, // Noordoost-Brabant
  { code: "AM29", row: 6, col: 7 }, // Noord-Limburg
  { code: "AM28", row: 7, col: 5 }, // Zuidoost-Brabant
  { code: "AM32", row: 7, col: 6 }, // Helmond-De Peel
  { code: "AM33", row: 7, col: 7 }, // Midden-Limburg
  { code: "AM30", row: 8, col: 6 }, // Zuid-Limburg
];

/** The tiles in reading order (north to south, west to east): the order of the list. */
export function readingOrder(tiles: readonly Tile[] = TILES): Tile[] {
  return [...tiles].sort((a, b) => a.row - b.row || a.col - b.col);
}
