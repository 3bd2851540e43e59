package org.snn4j.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.snn4j.engine.PopulationRate;
import org.snn4j.engine.SpikeTrain;

/** A spike raster with the population rate below it, as one PNG. */
final class RasterPlot {
    /** Beyond this many spikes only the first neurons are drawn, so that the plot stays readable and quick. */
    private static final int MAX_POINTS = 200_000;

    private RasterPlot() {
    }

    static void write(Path file, String title, SpikeTrain spikes, int neurons, PopulationRate rate, double binSeconds)
            throws IOException {
        int shown = neurons;
        if (spikes.count() > MAX_POINTS) {
            shown = (int) Math.max(1, (long) neurons * MAX_POINTS / spikes.count());
        }
        int m = 0;
        for (int i : spikes.neurons()) {
            m += i < shown ? 1 : 0;
        }
        double[] t = new double[m];
        double[] y = new double[m];
        double[] all = spikes.timesSeconds();
        m = 0;
        for (int s = 0; s < spikes.count(); s++) {
            if (spikes.neurons()[s] < shown) {
                t[m] = all[s];
                y[m++] = spikes.neurons()[s];
            }
        }
        XYChart raster = new XYChartBuilder().width(1000).height(520).title(title + (shown < neurons
                ? " (first " + shown + " of " + neurons + " neurons)" : "")).xAxisTitle("time (s)").yAxisTitle("neuron")
                .build();
        raster.getStyler().setLegendVisible(false).setMarkerSize(2).setChartBackgroundColor(Color.WHITE);
        XYSeries dots = raster.addSeries("spikes", m == 0 ? new double[] {0} : t, m == 0 ? new double[] {0} : y);
        dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        dots.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(new Color(20, 40, 120));

        int[] counts = rate.countsPerStep();
        int perBin = Math.max(1, (int) Math.round(binSeconds / rate.dtSeconds()));
        int bins = Math.max(1, counts.length / perBin);
        double[] bt = new double[bins];
        double[] hz = new double[bins];
        for (int b = 0; b < bins; b++) {
            long sum = 0;
            for (int k = b * perBin; k < Math.min(counts.length, (b + 1) * perBin); k++) {
                sum += counts[k];
            }
            bt[b] = (b + 0.5) * perBin * rate.dtSeconds();
            hz[b] = sum / (rate.size() * perBin * rate.dtSeconds());
        }
        XYChart rateChart = new XYChartBuilder().width(1000).height(260)
                .title("population rate (" + Math.round(perBin * rate.dtSeconds() * 1e3) + " ms bins)")
                .xAxisTitle("time (s)").yAxisTitle("rate (Hz)").build();
        rateChart.getStyler().setLegendVisible(false).setMarkerSize(0).setChartBackgroundColor(Color.WHITE);
        rateChart.getStyler().setXAxisMin(0.0).setXAxisMax(counts.length * rate.dtSeconds()).setXAxisDecimalPattern("0.0##");
        raster.getStyler().setXAxisMin(0.0).setXAxisMax(counts.length * rate.dtSeconds()).setXAxisDecimalPattern("0.0##");
        rateChart.addSeries("rate", bt, hz).setMarker(SeriesMarkers.NONE).setLineColor(new Color(160, 30, 30));

        BufferedImage top = BitmapEncoder.getBufferedImage(raster);
        BufferedImage bottom = BitmapEncoder.getBufferedImage(rateChart);
        BufferedImage both = new BufferedImage(Math.max(top.getWidth(), bottom.getWidth()),
                top.getHeight() + bottom.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, both.getWidth(), both.getHeight());
        g.drawImage(top, 0, 0, null);
        g.drawImage(bottom, 0, top.getHeight(), null);
        g.dispose();
        AtomicFiles.write(file, out -> ImageIO.write(both, "png", out));
    }
}
