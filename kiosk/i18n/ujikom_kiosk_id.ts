<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="en">
<context>
    <name>IdentityScreen</name>
    <message>
        <location filename="../screens/identity.py" line="71"/>
        <source>Is this you?</source>
        <translation>Apakah ini Anda?</translation>
    </message>
    <message>
        <location filename="../screens/identity.py" line="72"/>
        <source>Participant number</source>
        <translation>Nomor peserta</translation>
    </message>
    <message>
        <location filename="../screens/identity.py" line="72"/>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <location filename="../screens/identity.py" line="72"/>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <location filename="../screens/identity.py" line="73"/>
        <source>Position applied for</source>
        <translation>Jabatan yang dilamar</translation>
    </message>
    <message>
        <location filename="../screens/identity.py" line="77"/>
        <location filename="../screens/identity.py" line="78"/>
        <source>Yes, that is me</source>
        <translation>Ya, benar</translation>
    </message>
    <message>
        <location filename="../screens/identity.py" line="80"/>
        <source>Thank you. Please wait for the proctor&apos;s instructions.</source>
        <translation>Terima kasih. Silakan tunggu arahan pengawas.</translation>
    </message>
    <message>
        <location filename="../screens/identity.py" line="82"/>
        <source>If anything is wrong, raise your hand and call the proctor.</source>
        <translation>Jika ada yang salah, angkat tangan dan panggil pengawas.</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <location filename="../screens/login.py" line="111"/>
        <location filename="../screens/login.py" line="117"/>
        <source>Participant number</source>
        <translation>Nomor peserta</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="111"/>
        <source>PIN (6 digits)</source>
        <translation>PIN (6 angka)</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="112"/>
        <location filename="../screens/login.py" line="119"/>
        <source>Session token</source>
        <translation>Token sesi</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="112"/>
        <location filename="../screens/login.py" line="121"/>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="115"/>
        <source>Sign in with the details on your exam card.</source>
        <translation>Masuk dengan data pada kartu ujian Anda.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="116"/>
        <location filename="../screens/login.py" line="122"/>
        <source>Sign in</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="118"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="120"/>
        <source>6 letters from the proctor</source>
        <translation>6 huruf dari pengawas</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="123"/>
        <source>Sign-in message</source>
        <translation>Pesan login</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="124"/>
        <source>Exam title</source>
        <translation>Judul ujian</translation>
    </message>
</context>
</TS>
