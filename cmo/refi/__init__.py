"""REFI-QDA: exchanging projects (QDPX) and codebooks (QDC) with ATLAS.ti, MAXQDA, NVivo, QualCoder.

Import, in the order it runs (``cmo import-qdpx``):

* ``archive`` — opening an untrusted zip and parsing its XML safely (limits, zip-slip, DTDs);
* ``read`` — ``project.qde`` into plain data (``ProjectDoc``), whichever tool wrote it;
* ``codes_read`` — code trees read; ``qdc_read`` — a QDC codebook file read (``load_qdc``);
* ``offsets`` — another tool's text positions carried onto cmo's normalised text;
* ``codes_plan`` and ``plan`` — what the import will do, decided without writing;
* ``apply`` and ``apply_links`` — the plan written in one transaction through the store;
* ``import_qdpx`` — the entry point that runs them.

Export (``cmo export qdpx``, ``cmo export qdc``):

* ``export_data`` — everything an export needs, read in a few bulk queries;
* ``export_qdpx`` — the QDPX project file (and the QDC codebook file) written;
* ``qdpx_archive`` — the zip file itself: deflated entries, a large project's document
  built by a forked helper, the file replaced only when written whole;
* ``export_cases``, ``codes_write`` and ``xml_write`` — the XML of Cases, the codebook,
  and escaping.

``conventions`` is what both directions agree on: names, GUIDs, cmo's variables and Sets.
"""
