package io.tagforge.engine.evaluate;

/** Scores of images (rows) for taglist entries (columns), row-major. */
public record ScoreMatrix(int rows, int columns, float[] values) {

    public ScoreMatrix {
        if ((long) rows * columns != values.length) {
            throw new IllegalArgumentException(rows + "x" + columns + " matrix needs " + (long) rows * columns
                    + " values, got " + values.length);
        }
    }

    public float get(int row, int column) {
        return values[row * columns + column];
    }

    float[] column(int column) {
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = values[r * columns + column];
        }
        return out;
    }
}
