package org.snn4j.io;

import java.util.Arrays;

/**
 * NIR's convolution and pooling nodes as sparse operators on the flattened (channel, row, column)
 * signal, in PyTorch's conventions (cross-correlation; output size
 * {@code floor((n + 2 padding - dilation (k - 1) - 1) / stride) + 1}; average pooling divides by the
 * whole kernel, padding included): each input element is mapped to every output it reaches, so a
 * convolution becomes ordinary synapses with its shared weights copied.
 */
final class NirConvolutions {
    private NirConvolutions() {
    }

    /** Conv1d (weight [out, in / groups, k]) or Conv2d (weight [out, in / groups, kh, kw]), with its bias. */
    static NirNetworks.Operator convolution(NirGraph.Node n, int[] in) {
        int dims = n.type().equals("Conv1d") ? 1 : 2;
        NirGraph.Field weight = n.field("weight");
        int[] ws = weight.shape();
        if (ws.length != dims + 2) {
            throw new IllegalArgumentException("node '" + n.name() + "' (" + n.type() + "): weight of shape "
                    + Arrays.toString(ws) + ", expected " + (dims + 2) + " dimensions [out, in / groups, "
                    + (dims == 1 ? "k" : "kh, kw") + "]");
        }
        double[] w = NirNetworks.Operators.finite(n, "weight", weight.values());
        int groups = n.has("groups") ? (int) n.field("groups").values()[0] : 1;
        int cout = ws[0];
        int cinPerGroup = ws[1];
        int cin = cinPerGroup * groups;
        if (groups < 1 || cout % groups != 0) {
            throw new IllegalArgumentException("node '" + n.name() + "': groups " + groups + " does not divide the "
                    + cout + " output channels");
        }
        int[] kernel = Arrays.copyOfRange(ws, 2, ws.length);
        int[] space = spatial(n, in, cin, dims);
        int[] stride = tuple(n, "stride", dims, 1);
        int[] dilation = tuple(n, "dilation", dims, 1);
        int[] padding = padding(n, dims, kernel, dilation);
        int[] outSpace = new int[dims];
        for (int d = 0; d < dims; d++) {
            outSpace[d] = (space[d] + 2 * padding[d] - dilation[d] * (kernel[d] - 1) - 1) / stride[d] + 1;
            if (outSpace[d] <= 0) {
                throw new IllegalArgumentException("node '" + n.name() + "': kernel " + Arrays.toString(kernel)
                        + " does not fit the input " + Arrays.toString(space));
            }
        }
        double[] bias = null;
        if (n.has("bias")) {
            double[] b = NirNetworks.Operators.sized(n, "bias", cout);
            int plane = NirNetworks.size(outSpace);
            bias = new double[cout * plane];
            for (int c = 0; c < cout; c++) {
                Arrays.fill(bias, c * plane, (c + 1) * plane, b[c]);
            }
        }
        int coutPerGroup = cout / groups;
        int kh = dims == 1 ? 1 : kernel[0];
        int kw = kernel[dims - 1];
        int h = dims == 1 ? 1 : space[0];
        int wi = space[dims - 1];
        int oh = dims == 1 ? 1 : outSpace[0];
        int ow = outSpace[dims - 1];
        int sh = dims == 1 ? 1 : stride[0];
        int sw = stride[dims - 1];
        int ph = dims == 1 ? 0 : padding[0];
        int pw = padding[dims - 1];
        int dh = dims == 1 ? 1 : dilation[0];
        int dw = dilation[dims - 1];
        int[] outShape = new int[dims + 1];
        outShape[0] = cout;
        System.arraycopy(outSpace, 0, outShape, 1, dims);
        return NirNetworks.Operators.simple(outShape, bias, (k, sink) -> {
            int c = k / (h * wi);
            int y = k / wi % h;
            int x = k % wi;
            int g = c / cinPerGroup;
            int ic = c - g * cinPerGroup;
            for (int ky = 0; ky < kh; ky++) {
                int oy = reach(y + ph - ky * dh, sh, oh);
                if (oy < 0) {
                    continue;
                }
                for (int kx = 0; kx < kw; kx++) {
                    int ox = reach(x + pw - kx * dw, sw, ow);
                    if (ox < 0) {
                        continue;
                    }
                    for (int oc = g * coutPerGroup; oc < (g + 1) * coutPerGroup; oc++) {
                        sink.accept((oc * oh + oy) * ow + ox, w[((oc * cinPerGroup + ic) * kh + ky) * kw + kx], 0);
                    }
                }
            }
        });
    }

    /** SumPool2d or AvgPool2d over each channel of a (C, H, W) signal. */
    static NirNetworks.Operator pool(NirGraph.Node n, int[] in) {
        if (in.length != 3) {
            throw new IllegalArgumentException("node '" + n.name() + "' (" + n.type() + "): input of shape "
                    + Arrays.toString(in) + ", expected (channels, height, width)");
        }
        int[] kernel = tuple(n, "kernel_size", 2, -1);
        int[] stride = n.has("stride") ? tuple(n, "stride", 2, 1) : kernel;
        int[] padding = tuple(n, "padding", 2, 0);
        int c = in[0];
        int h = in[1];
        int wi = in[2];
        int oh = (h + 2 * padding[0] - kernel[0]) / stride[0] + 1;
        int ow = (wi + 2 * padding[1] - kernel[1]) / stride[1] + 1;
        if (oh <= 0 || ow <= 0) {
            throw new IllegalArgumentException("node '" + n.name() + "': kernel " + Arrays.toString(kernel)
                    + " does not fit the input " + Arrays.toString(in));
        }
        double value = n.type().equals("AvgPool2d") ? 1.0 / (kernel[0] * kernel[1]) : 1;
        return NirNetworks.Operators.simple(new int[] {c, oh, ow}, null, (k, sink) -> {
            int ch = k / (h * wi);
            int y = k / wi % h;
            int x = k % wi;
            for (int ky = 0; ky < kernel[0]; ky++) {
                int oy = reach(y + padding[0] - ky, stride[0], oh);
                for (int kx = 0; oy >= 0 && kx < kernel[1]; kx++) {
                    int ox = reach(x + padding[1] - kx, stride[1], ow);
                    if (ox >= 0) {
                        sink.accept((ch * oh + oy) * ow + ox, value, 0);
                    }
                }
            }
        });
    }

    /** The output index o with o * stride = at, or -1 if there is none in 0..size-1. */
    private static int reach(int at, int stride, int size) {
        if (at < 0 || at % stride != 0) {
            return -1;
        }
        int o = at / stride;
        return o < size ? o : -1;
    }

    /** The spatial size of the input: from its shape (C, ...) when it has one, else the node's input_shape. */
    private static int[] spatial(NirGraph.Node n, int[] in, int cin, int dims) {
        int[] space;
        if (in.length == dims + 1) {
            space = Arrays.copyOfRange(in, 1, in.length);
            if (in[0] != cin) {
                throw new IllegalArgumentException("node '" + n.name() + "' (" + n.type() + "): input of " + in[0]
                        + " channels, but its weight takes " + cin);
            }
        } else if (n.has("input_shape")) {
            space = tuple(n, "input_shape", dims, -1);
        } else {
            throw new IllegalArgumentException("node '" + n.name() + "' (" + n.type() + "): input of shape "
                    + Arrays.toString(in) + " and no input_shape: its spatial size is unknown");
        }
        if (NirNetworks.size(in) != cin * NirNetworks.size(space)) {
            throw new IllegalArgumentException("node '" + n.name() + "' (" + n.type() + "): input of shape "
                    + Arrays.toString(in) + " is not " + cin + " channels of " + Arrays.toString(space));
        }
        return space;
    }

    /** A per-dimension integer field (one value for all dimensions allowed); missing: {@code otherwise} or an error. */
    private static int[] tuple(NirGraph.Node n, String field, int dims, int otherwise) {
        if (!n.has(field)) {
            if (otherwise < 0) {
                throw new IllegalArgumentException("node '" + n.name() + "' (" + n.type() + "): no field '" + field + "'");
            }
            int[] t = new int[dims];
            Arrays.fill(t, otherwise);
            return t;
        }
        double[] v = n.field(field).values();
        if (v.length != 1 && v.length != dims) {
            throw new IllegalArgumentException("node '" + n.name() + "': field '" + field + "' of " + v.length
                    + " values, expected " + dims);
        }
        int[] t = new int[dims];
        for (int d = 0; d < dims; d++) {
            double x = v[v.length == 1 ? 0 : d];
            t[d] = (int) x;
            boolean zeroOk = field.equals("padding");
            if (t[d] != x || t[d] < (zeroOk ? 0 : 1)) {
                throw new IllegalArgumentException("node '" + n.name() + "': field '" + field + "' holds " + x
                        + ", expected a whole number " + (zeroOk ? ">= 0" : ">= 1"));
            }
        }
        return t;
    }

    /** Numeric padding, or PyTorch's "valid" (none) and "same" (odd kernels, stride 1) given as text. */
    private static int[] padding(NirGraph.Node n, int dims, int[] kernel, int[] dilation) {
        String text = n.texts().get("padding");
        if (text == null) {
            return tuple(n, "padding", dims, 0);
        }
        int[] p = new int[dims];
        switch (text) {
            case "valid" -> {
            }
            case "same" -> {
                for (int d = 0; d < dims; d++) {
                    int total = dilation[d] * (kernel[d] - 1);
                    if (total % 2 != 0) {
                        throw new IllegalArgumentException("node '" + n.name() + "': padding 'same' with an even kernel "
                                + Arrays.toString(kernel) + " pads unevenly, which snn4j does not expand");
                    }
                    p[d] = total / 2;
                }
            }
            default -> throw new IllegalArgumentException("node '" + n.name() + "': padding '" + text
                    + "': expected numbers, 'valid' or 'same'");
        }
        return p;
    }
}
