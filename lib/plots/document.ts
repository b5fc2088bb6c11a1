/**
 * A headless DOM document for Observable Plot (linkedom), so one chart helper renders in the
 * notebook and into an exported SVG file alike (after Plot's `document` option).
 *
 * @module
 */
import { parseHTML } from "linkedom";

/** A fresh document for rendering figures. */
export function figureDocument(): Document {
  return parseHTML("<!DOCTYPE html><html><head></head><body></body></html>")
    .document as unknown as Document;
}
