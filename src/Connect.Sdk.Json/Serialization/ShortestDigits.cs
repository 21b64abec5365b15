using System.Numerics;

namespace Connect.Sdk.Json.Serialization;

/// <summary>
/// The shortest decimal that reads back as a given double, and among those the closest to it: the digits Java's
/// <c>Double.toString</c> (JDK 19 and later) and .NET's round-trip format print. Computed with the Ryū method (Ulf
/// Adams, PLDI 2018): the interval of decimals that round to the value is scaled by a power of five held to 125 bits,
/// and digits are dropped while both ends of the interval still differ, all in 64-bit integers. Printing doubles was
/// the JSON writer's largest cost; this takes about half the time of formatting with <c>"R"</c> and reading the
/// digits back.
/// </summary>
internal static class ShortestDigits
{
    private const int MantissaBits = 52;
    private const int ExponentBias = 1023;
    private const int Pow5InverseBitCount = 125;
    private const int Pow5BitCount = 125;

    // 5^-q scaled up (rounded up) and 5^i scaled down (rounded down) to 125 significant bits, as (low, high) words.
    private static readonly (ulong Low, ulong High)[] Pow5InverseSplit = BuildInverseTable(342);
    private static readonly (ulong Low, ulong High)[] Pow5Split = BuildTable(326);

    /// <summary>Finds the shortest digits of a finite, non-zero double.</summary>
    /// <param name="value">The value; its sign is ignored.</param>
    /// <param name="exponent">The power of ten of the last digit: |value| reads back from digits × 10^exponent.</param>
    /// <returns>The digits as an integer; it may end in zeros, e.g. 10 and 22 for 1.0E23.</returns>
    public static ulong Compute(double value, out int exponent)
    {
        var bits = BitConverter.DoubleToUInt64Bits(value);
        var ieeeMantissa = bits & ((1UL << MantissaBits) - 1);
        var ieeeExponent = (int)((bits >> MantissaBits) & 0x7FF);

        int e2;
        ulong m2;
        if (ieeeExponent == 0)
        {
            e2 = 1 - ExponentBias - MantissaBits - 2;
            m2 = ieeeMantissa;
        }
        else
        {
            e2 = ieeeExponent - ExponentBias - MantissaBits - 2;
            m2 = (1UL << MantissaBits) | ieeeMantissa;
        }

        // Decimals exactly on the interval's ends round to the value when its mantissa is even (ties to even).
        var acceptBounds = (m2 & 1) == 0;
        var mv = 4 * m2;
        var mmShift = ieeeMantissa != 0 || ieeeExponent <= 1 ? 1u : 0u;

        ulong vr, vp, vm;
        int e10;
        var vmIsTrailingZeros = false;
        var vrIsTrailingZeros = false;
        if (e2 >= 0)
        {
            var q = Log10Pow2(e2) - (e2 > 3 ? 1 : 0);
            e10 = q;
            var k = Pow5InverseBitCount + Pow5Bits(q) - 1;
            var i = -e2 + q + k;
            var multiplier = Pow5InverseSplit[q];
            vr = MulShift(4 * m2, multiplier, i);
            vp = MulShift((4 * m2) + 2, multiplier, i);
            vm = MulShift((4 * m2) - 1 - mmShift, multiplier, i);
            if (q <= 21)
            {
                // Only here can the interval's numbers be multiples of 10^q, which decides the rounding below.
                if (mv % 5 == 0)
                {
                    vrIsTrailingZeros = IsMultipleOfPowerOf5(mv, q);
                }
                else if (acceptBounds)
                {
                    vmIsTrailingZeros = IsMultipleOfPowerOf5(mv - 1 - mmShift, q);
                }
                else
                {
                    vp -= IsMultipleOfPowerOf5(mv + 2, q) ? 1UL : 0UL;
                }
            }
        }
        else
        {
            var q = Log10Pow5(-e2) - (-e2 > 1 ? 1 : 0);
            e10 = q + e2;
            var i = -e2 - q;
            var k = Pow5Bits(i) - Pow5BitCount;
            var j = q - k;
            var multiplier = Pow5Split[i];
            vr = MulShift(4 * m2, multiplier, j);
            vp = MulShift((4 * m2) + 2, multiplier, j);
            vm = MulShift((4 * m2) - 1 - mmShift, multiplier, j);
            if (q <= 1)
            {
                vrIsTrailingZeros = true;
                if (acceptBounds)
                {
                    vmIsTrailingZeros = mmShift == 1;
                }
                else
                {
                    vp--;
                }
            }
            else if (q < 63)
            {
                vrIsTrailingZeros = (mv & ((1UL << q) - 1)) == 0;
            }
        }

        var removed = 0;
        ulong output;
        if (vmIsTrailingZeros || vrIsTrailingZeros)
        {
            // Rare: an end of the interval or the value itself is a short decimal, so ties and bounds matter.
            var lastRemovedDigit = 0UL;
            while (vp / 10 > vm / 10)
            {
                vmIsTrailingZeros &= vm % 10 == 0;
                vrIsTrailingZeros &= lastRemovedDigit == 0;
                lastRemovedDigit = vr % 10;
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }

            if (vmIsTrailingZeros)
            {
                while (vm % 10 == 0)
                {
                    vrIsTrailingZeros &= lastRemovedDigit == 0;
                    lastRemovedDigit = vr % 10;
                    vr /= 10;
                    vp /= 10;
                    vm /= 10;
                    removed++;
                }
            }

            if (vrIsTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0)
            {
                // Exactly halfway: round to even.
                lastRemovedDigit = 4;
            }

            var roundUp = (vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemovedDigit >= 5;
            output = vr + (roundUp ? 1UL : 0UL);
        }
        else
        {
            var roundUp = false;
            if (vp / 100 > vm / 100)
            {
                roundUp = vr % 100 >= 50;
                vr /= 100;
                vp /= 100;
                vm /= 100;
                removed += 2;
            }

            while (vp / 10 > vm / 10)
            {
                roundUp = vr % 10 >= 5;
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }

            output = vr + (vr == vm || roundUp ? 1UL : 0UL);
        }

        exponent = e10 + removed;
        return output;
    }

    /// <summary>(m × multiplier) >> shift, for a 125-bit multiplier and a shift of at least 64.</summary>
    private static ulong MulShift(ulong m, (ulong Low, ulong High) multiplier, int shift)
    {
        var low = (UInt128)m * multiplier.Low;
        var high = (UInt128)m * multiplier.High;
        return (ulong)(((low >> 64) + high) >> (shift - 64));
    }

    // floor(log2(5^e)) + 1, floor(log10(2^e)) and floor(log10(5^e)), exact over the exponents of a double.
    private static int Pow5Bits(int e) => (int)(((uint)e * 1217359) >> 19) + 1;

    private static int Log10Pow2(int e) => (int)(((uint)e * 78913) >> 18);

    private static int Log10Pow5(int e) => (int)(((uint)e * 732923) >> 20);

    private static bool IsMultipleOfPowerOf5(ulong value, int power)
    {
        var count = 0;
        while (value % 5 == 0)
        {
            value /= 5;
            count++;
        }

        return count >= power;
    }

    private static (ulong, ulong)[] BuildInverseTable(int count)
    {
        var table = new (ulong, ulong)[count];
        for (var i = 0; i < count; i++)
        {
            var pow5 = BigInteger.Pow(5, i);
            var shift = (int)pow5.GetBitLength() - 1 + Pow5InverseBitCount;
            table[i] = Split((BigInteger.One << shift) / pow5 + 1);
        }

        return table;
    }

    private static (ulong, ulong)[] BuildTable(int count)
    {
        var table = new (ulong, ulong)[count];
        for (var i = 0; i < count; i++)
        {
            var pow5 = BigInteger.Pow(5, i);
            var shift = (int)pow5.GetBitLength() - Pow5BitCount;
            table[i] = Split(shift >= 0 ? pow5 >> shift : pow5 << -shift);
        }

        return table;
    }

    private static (ulong, ulong) Split(BigInteger value) =>
        ((ulong)(value & ulong.MaxValue), (ulong)(value >> 64));
}
