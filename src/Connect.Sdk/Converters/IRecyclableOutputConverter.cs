namespace Connect.Sdk.Converters;

/// <summary>
/// A converter that can reuse the arrays it returns from <see cref="IConverter.FromConnectData"/>. A caller that is
/// done with such an array (the worker: once the producer has copied it into its own buffers) hands it back with
/// <see cref="Recycle"/>, and a later call may return the same array, overwritten with that call's bytes.
/// </summary>
/// <remarks>
/// A fresh array per record is most of the garbage a converter makes, and for records of a kilobyte or more its
/// collection costs more than the conversion. Recycling is an offer: the converter may keep the array or drop it, and a
/// caller that never recycles gets fresh arrays as from any converter. Hand back only arrays this converter returned,
/// each once, and keep no reference to them: the next record may be written into them.
/// </remarks>
public interface IRecyclableOutputConverter : IConverter
{
    /// <summary>Hands back an array this converter returned, which the caller will not read or write again.</summary>
    /// <param name="output">The array.</param>
    void Recycle(byte[] output);
}
