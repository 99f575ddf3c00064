import { describe, expect, it } from "vitest";
import { Prng } from "./prng";

describe("Prng", () => {
  it("repeats its stream for a seed and differs between seeds", () => {
    const draw = (seed: number) => {
      const prng = new Prng(seed);
      return Array.from({ length: 5 }, () => prng.nextUint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it("forks independent, reproducible streams", () => {
    const a = new Prng(1).fork("user:1");
    const b = new Prng(1).fork("user:2");
    expect(a.next()).not.toBe(b.next());
    expect(new Prng(1).fork("user:1").uuid()).toBe(new Prng(1).fork("user:1").uuid());
  });

  it("draws within bounds with plausible spread", () => {
    const prng = new Prng(7);
    const ints = Array.from({ length: 5000 }, () => prng.int(1, 6));
    expect(Math.min(...ints)).toBe(1);
    expect(Math.max(...ints)).toBe(6);
    const mean = Array.from({ length: 5000 }, () => prng.poisson(3)).reduce((sum, value) => sum + value, 0) / 5000;
    expect(mean).toBeGreaterThan(2.8);
    expect(mean).toBeLessThan(3.2);
    expect(prng.weighted(["a", "b"], (item) => (item === "a" ? 0 : 1))).toBe("b");
  });

  it("makes RFC 4122 v4-shaped uuids and fixed-length hex", () => {
    const prng = new Prng(9);
    for (let i = 0; i < 50; i++) expect(prng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(prng.hex(24)).toMatch(/^[0-9a-f]{24}$/);
  });
});
