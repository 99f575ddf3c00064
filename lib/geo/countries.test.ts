import { describe, expect, it } from "vitest";
import { areNeighbours, countryCodeOf, findCountry } from "./countries";

describe("countries", () => {
  it("resolves names, alternative spellings and codes to ISO codes", () => {
    expect(countryCodeOf("United Kingdom")).toBe("GB");
    expect(countryCodeOf("UK")).toBe("GB");
    expect(countryCodeOf("gb")).toBe("GB");
    expect(countryCodeOf("Deutschland")).toBe("DE");
    expect(countryCodeOf("United States")).toBe("US");
    expect(countryCodeOf("Atlantis")).toBeNull();
    expect(countryCodeOf("")).toBeNull();
  });

  it("knows land borders", () => {
    expect(areNeighbours("DE", "CH")).toBe(true);
    expect(areNeighbours("FR", "FR")).toBe(true);
    expect(areNeighbours("GB", "AU")).toBe(false);
    expect(areNeighbours("US", "CA")).toBe(true);
  });

  it("has a centroid per country", () => {
    const au = findCountry("au");
    expect(au?.name).toBe("Australia");
    expect(au?.lat).toBeLessThan(0);
  });
});
