using System.Runtime.CompilerServices;

// The accuracy command normalizes the manifest's law titles with the extractor's own rule.
[assembly: InternalsVisibleTo("SearchService.Evaluation")]
