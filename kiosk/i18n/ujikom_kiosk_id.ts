<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="en">
<context>
    <name>IdentityScreen</name>
    <message>
        <location filename="../screens/identity.py" line="74"/>
        <source>Is this you?</source>
        <translation>Apakah ini Anda?</translation>
    </message>
    <message>
        <location filename="../screens/identity.py" line="75"/>
        <source>Participant number</source>
        <translation>Nomor peserta</translation>
    </message>
    <message>
        <location filename="../screens/identity.py" line="75"/>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <location filename="../screens/identity.py" line="75"/>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <location filename="../screens/identity.py" line="76"/>
        <source>Position applied for</source>
        <translation>Jabatan yang dilamar</translation>
    </message>
    <message>
        <location filename="../screens/identity.py" line="80"/>
        <location filename="../screens/identity.py" line="81"/>
        <source>Yes, that is me</source>
        <translation>Ya, benar</translation>
    </message>
    <message>
        <location filename="../screens/identity.py" line="83"/>
        <source>Thank you. Please wait for the proctor&apos;s instructions.</source>
        <translation>Terima kasih. Silakan tunggu arahan pengawas.</translation>
    </message>
    <message>
        <location filename="../screens/identity.py" line="85"/>
        <source>If anything is wrong, raise your hand and call the proctor.</source>
        <translation>Jika ada yang salah, angkat tangan dan panggil pengawas.</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <location filename="../screens/login.py" line="112"/>
        <location filename="../screens/login.py" line="118"/>
        <source>Participant number</source>
        <translation>Nomor peserta</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="112"/>
        <source>PIN (6 digits)</source>
        <translation>PIN (6 angka)</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="113"/>
        <location filename="../screens/login.py" line="120"/>
        <source>Session token</source>
        <translation>Token sesi</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="113"/>
        <location filename="../screens/login.py" line="122"/>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="116"/>
        <source>Sign in with the details on your exam card.</source>
        <translation>Masuk dengan data pada kartu ujian Anda.</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="117"/>
        <location filename="../screens/login.py" line="123"/>
        <source>Sign in</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="119"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="121"/>
        <source>6 letters from the proctor</source>
        <translation>6 huruf dari pengawas</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="124"/>
        <source>Sign-in message</source>
        <translation>Pesan login</translation>
    </message>
    <message>
        <location filename="../screens/login.py" line="125"/>
        <source>Exam title</source>
        <translation>Judul ujian</translation>
    </message>
</context>
</TS>
