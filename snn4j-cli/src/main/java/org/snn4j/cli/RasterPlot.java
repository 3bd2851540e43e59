package org.snn4j.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.snn4j.engine.PopulationRate;
import org.snn4j.engine.SpikeTrain;

/**
 * A spike raster with the population rates below it, as one PNG: the populations stacked from the
 * bottom in the network's order, one colour each, their boundaries marked, each population's rate in
 * its colour below.
 */
final class RasterPlot {
    /** Beyond this many spikes in all only the first neurons of each population are drawn (readable and quick). */
    private static final int MAX_POINTS = 200_000;
    private static final Color[] COLORS = {new Color(20, 40, 120), new Color(190, 40, 30), new Color(30, 130, 60),
        new Color(150, 90, 10), new Color(110, 40, 150), new Color(20, 130, 150), new Color(90, 90, 90)};

    private RasterPlot() {
    }

    /** One population (the CUBA command's). */
    static void write(Path file, String title, SpikeTrain spikes, int neurons, PopulationRate rate, double binSeconds)
            throws IOException {
        write(file, title, List.of(spikes), List.of(rate), binSeconds);
    }

    static void write(Path file, String title, List<SpikeTrain> trains, List<PopulationRate> rates, double binSeconds)
            throws IOException {
        long total = 0;
        int neurons = 0;
        for (int p = 0; p < trains.size(); p++) {
            total += trains.get(p).count();
            neurons += rates.get(p).size();
        }
        double keep = total > MAX_POINTS ? (double) MAX_POINTS / total : 1;
        double end = rates.get(0).countsPerStep().length * rates.get(0).dtSeconds();
        XYChart raster = new XYChartBuilder().width(1000).height(520).title(title + (keep < 1
                ? " (the first " + Math.round(100 * keep) + "% of each population's neurons)" : ""))
                .xAxisTitle("time (s)").yAxisTitle("neuron (populations stacked)").build();
        raster.getStyler().setLegendVisible(trains.size() > 1).setMarkerSize(2).setChartBackgroundColor(Color.WHITE);
        raster.getStyler().setXAxisMin(0.0).setXAxisMax(end).setXAxisDecimalPattern("0.0##");
        raster.getStyler().setYAxisMin(0.0).setYAxisMax((double) neurons);
        raster.getStyler().setAnnotationLineColor(Color.GRAY);
        XYChart rateChart = new XYChartBuilder().width(1000).height(260)
                .title("population rates (" + Math.round(binSeconds * 1e3) + " ms bins)").xAxisTitle("time (s)")
                .yAxisTitle("rate (Hz)").build();
        rateChart.getStyler().setLegendVisible(trains.size() > 1).setMarkerSize(0).setChartBackgroundColor(Color.WHITE);
        rateChart.getStyler().setXAxisMin(0.0).setXAxisMax(end).setXAxisDecimalPattern("0.0##");
        int offset = 0;
        for (int p = 0; p < trains.size(); p++) {
            SpikeTrain spikes = trains.get(p);
            PopulationRate rate = rates.get(p);
            int shown = keep < 1 ? (int) Math.max(1, rate.size() * keep) : rate.size();
            int m = 0;
            for (int i : spikes.neurons()) {
                m += i < shown ? 1 : 0;
            }
            double[] t = new double[m];
            double[] y = new double[m];
            double[] times = spikes.timesSeconds();
            m = 0;
            for (int s = 0; s < spikes.count(); s++) {
                if (spikes.neurons()[s] < shown) {
                    t[m] = times[s];
                    y[m++] = offset + spikes.neurons()[s];
                }
            }
            Color color = COLORS[p % COLORS.length];
            String name = spikes.population() + " (" + rate.size() + ")";
            // an empty series still gets its legend entry, drawn outside the plot
            XYSeries dots = raster.addSeries(name, m == 0 ? new double[] {-1} : t, m == 0 ? new double[] {-1} : y);
            dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            dots.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(color);
            offset += rate.size();
            if (p + 1 < trains.size()) {
                raster.addAnnotation(new AnnotationLine(offset, false, false));
            }
            rateChart.addSeries(name, binTimes(rate, binSeconds), binRates(rate, binSeconds))
                    .setMarker(SeriesMarkers.NONE).setLineColor(color);
        }
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

    private static int perBin(PopulationRate rate, double binSeconds) {
        return Math.max(1, (int) Math.round(binSeconds / rate.dtSeconds()));
    }

    private static double[] binTimes(PopulationRate rate, double binSeconds) {
        int perBin = perBin(rate, binSeconds);
        int bins = Math.max(1, rate.countsPerStep().length / perBin);
        double[] t = new double[bins];
        for (int b = 0; b < bins; b++) {
            t[b] = (b + 0.5) * perBin * rate.dtSeconds();
        }
        return t;
    }

    private static double[] binRates(PopulationRate rate, double binSeconds) {
        int[] counts = rate.countsPerStep();
        int perBin = perBin(rate, binSeconds);
        int bins = Math.max(1, counts.length / perBin);
        double[] hz = new double[bins];
        for (int b = 0; b < bins; b++) {
            long sum = 0;
            for (int k = b * perBin; k < Math.min(counts.length, (b + 1) * perBin); k++) {
                sum += counts[k];
            }
            hz[b] = sum / (rate.size() * perBin * rate.dtSeconds());
        }
        return hz;
    }
}
